package dev.gatehouse.platform;

import java.util.function.Supplier;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import io.quarkus.vertx.http.ManagementInterface;
import io.smallrye.health.SmallRyeHealth;
import io.smallrye.health.SmallRyeHealthReporter;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Health beside the metrics on the management interface ({@code http://127.0.0.1:<management
 * port>/q/health/ready}, {@code /live}, {@code /q/health}), so that a monitor scraping an instance's
 * metrics reads its readiness from the same place, one port per instance. The main listener keeps
 * answering the same paths too: nginx's loopback-only {@code /q/health/ready} and the stack's checks
 * ask the socket. Both run the very same checks (the reporter is one), so they never disagree.
 */
@ApplicationScoped
public class ManagementHealth {

    private static final String JSON = "application/json; charset=UTF-8";

    void route(@Observes ManagementInterface management, SmallRyeHealthReporter reporter) {
        management.router().get("/q/health").handler(context -> answer(context, reporter::getHealthAsync));
        management.router().get("/q/health/ready").handler(context -> answer(context, reporter::getReadinessAsync));
        management.router().get("/q/health/live").handler(context -> answer(context, reporter::getLivenessAsync));
    }

    /** 200 when UP, 503 when DOWN, the MicroProfile Health JSON either way. */
    private static void answer(RoutingContext context, Supplier<Uni<SmallRyeHealth>> check) {
        check.get().subscribe().with(
                health -> context.response().setStatusCode(health.isDown() ? 503 : 200)
                        .putHeader("Content-Type", JSON).putHeader("Cache-Control", "no-store")
                        .end(health.getPayload().toString()),
                context::fail);
    }
}
