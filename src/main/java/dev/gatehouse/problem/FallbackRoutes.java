package dev.gatehouse.problem;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * Problem bodies for what never reaches a resource: unknown paths and failures raised by the HTTP
 * layer itself (oversized bodies), which Vert.x would otherwise answer with an empty or HTML body.
 */
@Singleton
public class FallbackRoutes {

    private final long maxBodyBytes;

    public FallbackRoutes(@ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
        this.maxBodyBytes = maxBodySize.asLongValue();
    }

    void install(@Observes Router router) {
        // Runs before Quarkus' own size check, which would answer 413 with an empty body.
        router.route().order(Integer.MIN_VALUE).handler(this::rejectDeclaredOversizedBody);
        router.route().order(Integer.MIN_VALUE).failureHandler(this::onFailure);
        router.route().order(Integer.MAX_VALUE).handler(ctx -> write(ctx, 404));
    }

    private void rejectDeclaredOversizedBody(RoutingContext ctx) {
        String length = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        if (length != null && exceeds(length)) {
            ctx.response().putHeader(HttpHeaders.CONNECTION, "close");
            write(ctx, 413);
        } else {
            ctx.next();
        }
    }

    private boolean exceeds(String contentLength) {
        try {
            return Long.parseLong(contentLength.trim()) > maxBodyBytes;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private void onFailure(RoutingContext ctx) {
        if (ctx.response().headWritten()) {
            ctx.next();
            return;
        }
        int status = ctx.statusCode();
        if (status == 413 || status == 404 || status == 405) {
            write(ctx, status);
        } else {
            ctx.next();
        }
    }

    static void write(RoutingContext ctx, int status) {
        Problems.write(ctx.response(), status, ProblemMappers.reason(status), ProblemMappers.detail(status));
    }
}
