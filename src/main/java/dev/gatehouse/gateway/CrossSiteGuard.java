package dev.gatehouse.gateway;

import jakarta.inject.Singleton;

import dev.gatehouse.http.RequestOrigin;
import dev.gatehouse.problem.ProblemException;
import io.vertx.core.http.HttpServerRequest;

/**
 * Refuses state-changing browser requests sent from another site (login CSRF, forced logout). Non-browser
 * clients send no {@code Origin} and pass; JSON-only endpoints already keep plain HTML forms out.
 */
@Singleton
public class CrossSiteGuard {

    private final RequestOrigin requestOrigin;
    private final RedirectPolicy redirects;

    public CrossSiteGuard(RequestOrigin requestOrigin, RedirectPolicy redirects) {
        this.requestOrigin = requestOrigin;
        this.redirects = redirects;
    }

    public void requireSameSite(HttpServerRequest request) {
        if ("cross-site".equalsIgnoreCase(request.getHeader("Sec-Fetch-Site"))) {
            throw refused();
        }
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return;
        }
        String own = requestOrigin.of(request);
        // An allowed origin is one login may redirect to: the same rule, applied to the origin's root.
        if (!origin.equalsIgnoreCase(own) && redirects.safe(origin + "/", own).equals(redirects.safe(null, own))) {
            throw refused();
        }
    }

    private static ProblemException refused() {
        return new ProblemException(403, "Forbidden", "Cross-site requests to this endpoint are refused.");
    }
}
