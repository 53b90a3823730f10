package dev.gatehouse.gateway;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.gatehouse.access.Access;
import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.authn.Identity;
import dev.gatehouse.authn.IdentityResolver;
import dev.gatehouse.authz.Authorizer;
import dev.gatehouse.authz.Catalog;
import dev.gatehouse.authz.Requirement;
import dev.gatehouse.http.ClientAddress;
import dev.gatehouse.problem.ProblemMappers;
import dev.gatehouse.problem.Problems;
import dev.gatehouse.user.Role;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /auth/verify}, asked by NGINX {@code auth_request} on every request to a protected location:
 * an adapter from the request to {@link Authorizer#decide} and back. It answers 200, 401 or 403 and
 * nothing else (NGINX turns any other status into a 500), for any method, whatever the request
 * carries. A plain Vert.x route: it sits on the hot path of every protected page.
 */
@Singleton
public class VerifyRoute {

    static final String PATH = "/auth/verify";
    /** NGINX waits for this answer on every protected request; a slow store must not hold it up. */
    static final Duration ANSWER_WITHIN = Duration.ofSeconds(1);
    private static final Logger LOG = Logger.getLogger(VerifyRoute.class);

    private final IdentityResolver identities;
    private final ClientAddress clientAddress;
    private final AuditLog audit;
    private final RoleRequirement requirements;
    private final LoginLocation loginLocation;

    private final Catalog catalog;
    private final Access access;
    private final VerifyMeters meters;

    public VerifyRoute(IdentityResolver identities, GatewayConfig config, ClientAddress clientAddress, AuditLog audit,
            Catalog catalog, Access access, VerifyMeters meters) {
        this.identities = identities;
        this.meters = meters;
        this.catalog = catalog;
        this.access = access;
        this.clientAddress = clientAddress;
        this.audit = audit;
        this.requirements = new RoleRequirement(config.defaultRoles());
        this.loginLocation = new LoginLocation(config.loginUrl());
    }

    void install(@Observes Router router) {
        router.route(PATH).order(-1000).handler(this::verify);
    }

    private void verify(RoutingContext ctx) {
        long started = System.nanoTime();
        try {
            HttpServerRequest request = ctx.request();
            Requirement requirement = requirements.of(request.getParam("role"), request.getParam("permission"),
                    request.getParam("resource"));
            identities.resolve(ctx).ifNoItem().after(ANSWER_WITHIN).fail()
                    .subscribe().with(identity -> answer(ctx, identity, requirement, started),
                            failure -> failClosed(ctx, failure, started));
        } catch (RuntimeException e) {
            failClosed(ctx, e, started);
        }
    }

    private void answer(RoutingContext ctx, Optional<Identity> identity, Requirement requirement, long started) {
        try {
            switch (Authorizer.decide(identity, requirement, catalog, access.facts())) {
                case ALLOW -> allowed(ctx, identity.get(), started);
                case FORBIDDEN -> {
                    forbidden(ctx, identity.get(), requirement);
                    meters.answered(VerifyMeters.Decision.FORBIDDEN, started);
                }
                case UNAUTHENTICATED -> {
                    unauthorized(ctx);
                    meters.answered(VerifyMeters.Decision.UNAUTHENTICATED, started);
                }
            }
        } catch (RuntimeException e) {
            failClosed(ctx, e, started);
        }
    }

    private void allowed(RoutingContext ctx, Identity identity, long started) {
        String user = identity.username();
        String groups = String.join(",", Role.ids(identity.roles()));
        Optional<String> email = identity.email();
        Optional<String> actor = identity.actor();
        if (!HeaderValues.safe(user) || !HeaderValues.safe(groups) || !email.map(HeaderValues::safe).orElse(true)
                || !actor.map(HeaderValues::safe).orElse(true)) {
            failClosed(ctx, new IllegalStateException("An identity unfit for headers: " + user.length() + " characters"),
                    started);
            return;
        }
        HttpServerResponse response = ctx.response().setStatusCode(200)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .putHeader("Remote-User", user)
                .putHeader("Remote-Groups", groups);
        email.ifPresent(address -> response.putHeader("Remote-Email", address));
        actor.ifPresent(impersonator -> response.putHeader("Remote-Actor", impersonator));
        response.end();
        meters.answered(VerifyMeters.Decision.ALLOW, started);
    }

    private void unauthorized(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        if (response.headWritten()) {
            return;
        }
        if (wantsHtml(ctx.request())) {
            response.putHeader(HttpHeaders.LOCATION, loginLocation.of(ctx.request()));
        } else {
            response.putHeader("WWW-Authenticate", Boolean.TRUE.equals(ctx.get(ProblemMappers.TOKEN_EXPIRED))
                    ? ProblemMappers.EXPIRED_CHALLENGE : ProblemMappers.BEARER_CHALLENGE);
        }
        problem(ctx, 401, "Unauthorized", "Sign in to access this resource.");
    }

    private void forbidden(RoutingContext ctx, Identity identity, Requirement requirement) {
        boolean permission = requirement.permission().isPresent();
        audit.record(AuditLog.Event.ACCESS_DENIED, identity.username(), clientAddress.of(ctx.request()),
                "reason", permission ? "missing_permission" : "missing_role", "required", requirement.describe(),
                "permission", requirement.permission().orElse(""), "resource", requirement.resource().orElse(""),
                "url", LoginLocation.originalUrl(ctx.request()).orElse(""));
        problem(ctx, 403, "Forbidden", permission ? "Your account does not have the permission this resource requires."
                : "Your account does not have a role this resource requires.");
    }

    /**
     * Whatever went wrong, the answer is "not signed in", and soon: never a 5xx that NGINX would turn
     * into a 500, never a request left hanging.
     */
    private void failClosed(RoutingContext ctx, Throwable failure, long started) {
        LOG.debugf("Verification failed closed: %s", failure.toString());
        if (ctx.response().headWritten()) {
            return;
        }
        ctx.response().headers().clear();
        unauthorized(ctx);
        meters.answered(VerifyMeters.Decision.ERROR, started);
    }

    private static void problem(RoutingContext ctx, int status, String title, String detail) {
        Problems.write(ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store"), status, title, detail);
    }

    private static boolean wantsHtml(HttpServerRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/html");
    }
}
