package dev.gatehouse.signin;

import jakarta.inject.Singleton;

import dev.gatehouse.http.CorsOrigins;
import dev.gatehouse.http.RequestOrigin;
import dev.gatehouse.problem.ProblemException;
import io.vertx.core.http.HttpServerRequest;

/**
 * Refuses state-changing browser requests sent from another site (login CSRF, forced logout), JSON or
 * form posts alike: browsers name the sending site in {@code Origin} on every POST, and in
 * {@code Sec-Fetch-Site}. Non-browser clients send no {@code Origin} and pass. The origins listed for
 * CORS ({@code GATEHOUSE_CORS_ORIGINS}) pass too, even when the browser calls them cross-site: listing
 * a front-end is what lets it sign people in here, so it is trusted like this site itself.
 */
@Singleton
public class CrossSiteGuard {

    private final RequestOrigin requestOrigin;
    private final RedirectPolicy redirects;
    private final CorsOrigins corsOrigins;

    public CrossSiteGuard(RequestOrigin requestOrigin, RedirectPolicy redirects, CorsOrigins corsOrigins) {
        this.requestOrigin = requestOrigin;
        this.redirects = redirects;
        this.corsOrigins = corsOrigins;
    }

    public void requireSameSite(HttpServerRequest request) {
        String origin = request.getHeader("Origin");
        if (isCrossSite(request.getHeader("Sec-Fetch-Site"), origin, origin == null ? null : requestOrigin.of(request))) {
            throw refused();
        }
    }

    /** {@code ownOrigin} is this request's own origin, as the trusted proxy reports it. */
    boolean isCrossSite(String fetchSite, String origin, String ownOrigin) {
        if (corsOrigins.listed(origin)) {
            return false;
        }
        if ("cross-site".equalsIgnoreCase(fetchSite)) {
            return true;
        }
        if (origin == null) {
            return false;
        }
        // A form posted from a page whose referrer policy is no-referrer says "Origin: null"; the browser
        // still tells where it came from. Sandboxed frames and data: URLs are never same-origin.
        if ("null".equals(origin)) {
            return !"same-origin".equalsIgnoreCase(fetchSite);
        }
        // An allowed origin is one login may redirect to: the same rule, applied to the origin's root.
        return !origin.equalsIgnoreCase(ownOrigin) && redirects.safe(origin + "/", ownOrigin).equals(redirects.safe(null, ownOrigin));
    }

    private static ProblemException refused() {
        return new ProblemException(403, "Forbidden", "Cross-site requests to this endpoint are refused.");
    }
}
