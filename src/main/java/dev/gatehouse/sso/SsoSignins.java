package dev.gatehouse.sso;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;

import dev.gatehouse.session.Session;
import dev.gatehouse.signin.ExternalSignins;

/**
 * The configured providers as the sign-in pages see them. A session begun at a provider says so in its
 * methods ({@code sso:<name>}); its logout goes on to the provider's {@code end_session_endpoint}
 * (RP-initiated logout), so that signing out here does not leave the provider's session alive.
 */
@Singleton
class SsoSignins implements ExternalSignins {

    static final String METHOD_PREFIX = "sso:";

    private final OidcProviders providers;

    SsoSignins(OidcProviders providers) {
        this.providers = providers;
    }

    static String method(OidcProvider provider) {
        return METHOD_PREFIX + provider.name();
    }

    @Override
    public List<Button> buttons() {
        return providers.all().stream().map(provider -> new Button("/auth/sso/" + provider.name() + "/start", provider.label()))
                .toList();
    }

    @Override
    public List<String> formTargets() {
        return providers.all().stream().map(provider -> origin(provider.config().issuer())).flatMap(Optional::stream)
                .distinct().toList();
    }

    @Override
    public Optional<String> logoutRedirect(Session session) {
        return session.methods().stream().filter(method -> method.startsWith(METHOD_PREFIX)).findFirst()
                .flatMap(method -> providers.find(method.substring(METHOD_PREFIX.length())))
                .flatMap(SsoSignins::endSessionUrl);
    }

    /**
     * The provider's logout page with our client id (and where to come back, when configured); empty
     * when it has none or cannot be read now: the session here has ended all the same.
     */
    private static Optional<String> endSessionUrl(OidcProvider provider) {
        URI endpoint;
        try {
            endpoint = provider.endpoints().metadata().getEndSessionEndpointURI();
        } catch (SsoFailure e) {
            return Optional.empty();
        }
        if (endpoint == null) {
            return Optional.empty();
        }
        StringBuilder url = new StringBuilder(endpoint.toString()).append(endpoint.getRawQuery() == null ? '?' : '&')
                .append("client_id=").append(encode(provider.config().clientId()));
        provider.config().postLogoutRedirectUri()
                .ifPresent(uri -> url.append("&post_logout_redirect_uri=").append(encode(uri)));
        return Optional.of(url.toString());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static Optional<String> origin(String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return Optional.empty();
            }
            return Optional.of(uri.getScheme().toLowerCase() + "://" + uri.getHost().toLowerCase()
                    + (uri.getPort() == -1 ? "" : ":" + uri.getPort()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
