package dev.gatehouse.sso;

import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;

import dev.gatehouse.session.Session;
import dev.gatehouse.signin.ExternalSignins;
import io.vertx.core.http.HttpServerRequest;

/**
 * The configured providers as the sign-in pages see them. A session begun at a provider says so in its
 * methods ({@code sso:<name>}); its logout goes on to the provider's {@code end_session_endpoint}
 * (RP-initiated logout), so that signing out here does not leave the provider's session alive. Plain
 * OAuth2 providers have no such endpoint: signing out ends the session here only.
 */
@Singleton
class SsoSignins implements ExternalSignins {

    static final String METHOD_PREFIX = "sso:";

    private final SsoProviders providers;

    SsoSignins(SsoProviders providers) {
        this.providers = providers;
    }

    @Override
    public List<Button> buttons() {
        return providers.all().stream().map(provider -> new Button("/auth/sso/" + provider.name() + "/start", provider.label()))
                .toList();
    }

    @Override
    public List<String> formTargets() {
        return providers.all().stream().map(SsoProvider::logoutOrigin).flatMap(Optional::stream).distinct().toList();
    }

    /** The provider's logout page, for providers that have one (OpenID Connect's end_session_endpoint). */
    @Override
    public Optional<String> logoutRedirect(Session session, HttpServerRequest request) {
        return session.methods().stream().filter(method -> method.startsWith(METHOD_PREFIX)).findFirst()
                .flatMap(method -> providers.find(method.substring(METHOD_PREFIX.length())))
                .flatMap(SsoProvider::endSessionUrl);
    }
}
