package dev.gatehouse.saml;

import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;

import dev.gatehouse.session.Session;
import dev.gatehouse.signin.ExternalSignins;
import io.vertx.core.http.HttpServerRequest;

/**
 * SAML as the sign-in pages see it: a "Sign in with ..." button when an identity provider is
 * configured, nothing otherwise; and single logout ({@link SamlLogout}): signing out here of a session
 * SAML began goes on to the identity provider, when its metadata offers single logout.
 */
@Singleton
class SamlSignins implements ExternalSignins {

    private final IdentityProvider idp;
    private final SamlConfig config;
    private final SamlLogout logout;

    SamlSignins(IdentityProvider idp, SamlConfig config, SamlLogout logout) {
        this.idp = idp;
        this.config = config;
        this.logout = logout;
    }

    @Override
    public List<Button> buttons() {
        return idp.enabled() ? List.of(new Button(SamlResource.START_PATH, config.label())) : List.of();
    }

    @Override
    public List<String> formTargets() {
        return idp.enabled() ? logout.formTargets() : List.of();
    }

    @Override
    public Optional<String> logoutRedirect(Session session, HttpServerRequest request) {
        return logout.redirectFor(session, request);
    }
}
