package dev.gatehouse.http;

import java.util.Locale;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import dev.gatehouse.problem.Problems;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Refuses paths that could mean one thing to NGINX and another to Gatehouse: encoded slashes and
 * backslashes, and dot-segments, plain or encoded. NGINX decides on the decoded, normalised path;
 * a path whose meaning changes when decoded again could reach a route NGINX never chose
 * ({@code /q/health/group/..%2F..%2Fapi/count}). Nothing Gatehouse serves needs them.
 */
@Singleton
public class PathGuard {

    void install(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(this::check);
    }

    private void check(RoutingContext ctx) {
        if (ambiguous(ctx.request().path())) {
            Problems.write(ctx.response(), 400, "Bad Request",
                    "Encoded slashes, backslashes and dot-segments are not allowed in the path.");
        } else {
            ctx.next();
        }
    }

    static boolean ambiguous(String rawPath) {
        if (rawPath == null) {
            return false;
        }
        String path = rawPath.toLowerCase(Locale.ROOT);
        if (path.contains("%2f") || path.contains("%5c") || path.contains("\\")) {
            return true;
        }
        for (String segment : path.replace("%2e", ".").split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }
}
