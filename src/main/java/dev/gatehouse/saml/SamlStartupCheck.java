package dev.gatehouse.saml;

import java.util.Optional;

import jakarta.inject.Singleton;

import dev.gatehouse.sso.PlainHttpRule;
import dev.gatehouse.sso.RoleMapping;
import dev.gatehouse.sso.SsoConfig;
import io.quarkus.runtime.Startup;

/**
 * Settings that would make SAML sign people in wrongly stop Gatehouse at start, not at the first
 * sign-in: metadata over plain http from another machine (its certificates would be anyone's), a role
 * map naming an unknown role, a key without its certificate, and an OpenID Connect
 * provider named {@code saml}, whose accounts ({@code saml:<sub>}) would share the names of SAML's.
 * Only when SAML is on; the identity provider itself is not asked.
 */
@Startup
@Singleton
class SamlStartupCheck {

    private final RoleMapping roles;

    SamlStartupCheck(SamlConfig config, SsoConfig sso, IdentityProvider idp) {
        this.roles = RoleMapping.of("gatehouse.saml", Optional.empty(), config.roleMap(), config.defaultRole());
        if (idp.enabled()) {
            String metadata = config.idpMetadata().orElse("");
            if (metadata.regionMatches(true, 0, "http://", 0, 7)) {
                PlainHttpRule.of(sso).require("gatehouse.saml.idp-metadata", metadata);
            }
            if (config.spKeyFile().isPresent() != config.spCertFile().isPresent()) {
                throw new IllegalArgumentException(
                        "gatehouse.saml.sp-key-file and gatehouse.saml.sp-cert-file go together: set both or neither");
            }
            String kind = sso.oidc().containsKey(SamlIdentity.ORIGIN) ? "oidc"
                    : sso.oauth2().containsKey(SamlIdentity.ORIGIN) ? "oauth2" : null;
            if (kind != null) {
                throw new IllegalArgumentException("gatehouse.sso." + kind + "." + SamlIdentity.ORIGIN
                        + ": the name is SAML's (its accounts are saml:<subject>); give that provider another name");
            }
        }
    }

    RoleMapping roles() {
        return roles;
    }
}
