package dev.gatehouse.http;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import io.quarkus.runtime.Startup;
import io.quarkus.vertx.http.runtime.security.SecurityHandlerPriorities;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * The listed CORS origins ({@link CorsConfig}), answered by Quarkus's own CORS filter
 * ({@code quarkus.http.cors.*} in application.properties), and only those: around that filter,
 * Gatehouse takes the {@code Origin} header off every request whose origin is not listed and puts it
 * back after. Two reasons. Behind the proxy the filter cannot recognise this site's own origin (it sees
 * {@code http://} and the socket, not the browser's {@code https://host:port}), so it would refuse the
 * login page's own posts. And it refuses other origins with an empty 403, where Gatehouse answers
 * problem+json and decides cross-site posts itself ({@code CrossSiteGuard}). An unlisted origin thus
 * gets no {@code Access-Control-Allow-Origin}, as before.
 */
@Startup
@Singleton
public class CorsOrigins {

    private static final String ORIGIN = "Origin";
    /** Where the hidden header waits while the CORS filter runs. */
    static final String HIDDEN_ORIGIN = "gatehouse.cors.hidden-origin";
    /** Quarkus installs a filter of priority p at route order -p. */
    static final int CORS_FILTER_ORDER = -SecurityHandlerPriorities.CORS;

    private final Set<String> origins;

    public CorsOrigins(CorsConfig config) {
        // Not trimmed: Quarkus's filter gets the same list and matches its entries exactly.
        List<String> listed = config.origins().orElse(List.of()).stream().filter(origin -> !origin.isEmpty()).toList();
        listed.forEach(CorsOrigins::requireOrigin);
        this.origins = Set.copyOf(listed);
    }

    /** An exact, canonical origin, as browsers send it: anything looser could match more than was meant. */
    private static void requireOrigin(String origin) {
        boolean valid;
        try {
            URI uri = URI.create(origin);
            valid = ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) && uri.getHost() != null
                    && uri.getRawPath().isEmpty() && uri.getRawQuery() == null && uri.getRawFragment() == null
                    && uri.getRawUserInfo() == null && origin.equals(origin.toLowerCase(Locale.ROOT))
                    && origin.equals(uri.getScheme() + "://" + uri.getRawAuthority());
        } catch (IllegalArgumentException e) {
            valid = false;
        }
        if (!valid) {
            throw new IllegalStateException("GATEHOUSE_CORS_ORIGINS: \"" + origin + "\" is not an origin. List exact "
                    + "origins, comma-separated without spaces, such as https://app.example.com,http://localhost:3000 "
                    + "(lower case, no path, no wildcard)");
        }
    }

    /** Whether {@code origin} (an {@code Origin} header) is listed, exactly. */
    public boolean listed(String origin) {
        return origin != null && origins.contains(origin);
    }

    void install(@Observes Router router) {
        router.route().order(CORS_FILTER_ORDER - 1).handler(this::hideUnlisted);
        router.route().order(CORS_FILTER_ORDER + 1).handler(CorsOrigins::restore);
    }

    private void hideUnlisted(RoutingContext ctx) {
        List<String> sent = ctx.request().headers().getAll(ORIGIN);
        if (!sent.isEmpty() && !(sent.size() == 1 && listed(sent.getFirst()))) {
            ctx.put(HIDDEN_ORIGIN, List.copyOf(sent));
            ctx.request().headers().remove(ORIGIN);
        }
        ctx.next();
    }

    private static void restore(RoutingContext ctx) {
        List<String> hidden = ctx.get(HIDDEN_ORIGIN);
        if (hidden != null) {
            ctx.request().headers().set(ORIGIN, hidden);
        }
        ctx.next();
    }
}
