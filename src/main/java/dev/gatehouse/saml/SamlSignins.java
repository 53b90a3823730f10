package dev.gatehouse.saml;

import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;

import dev.gatehouse.session.Session;
import dev.gatehouse.signin.ExternalSignins;

/**
 * SAML as the sign-in pages see it: a "Sign in with ..." button when an identity provider is
 * configured, nothing otherwise. No single logout: signing out here ends Gatehouse's session only,
 * so no form needs to reach the identity provider.
 */
@Singleton
class SamlSignins implements ExternalSignins {

    private final IdentityProvider idp;
    private final SamlConfig config;

    SamlSignins(IdentityProvider idp, SamlConfig config) {
        this.idp = idp;
        this.config = config;
    }

    @Override
    public List<Button> buttons() {
        return idp.enabled() ? List.of(new Button(SamlResource.START_PATH, config.label())) : List.of();
    }

    @Override
    public List<String> formTargets() {
        return List.of();
    }

    @Override
    public Optional<String> logoutRedirect(Session session) {
        return Optional.empty();
    }
}
