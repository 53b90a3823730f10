package dev.gatehouse.gateway;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.auth.Identity;
import dev.gatehouse.auth.IdentityResolver;
import dev.gatehouse.http.ClientAddress;
import dev.gatehouse.problem.ProblemMappers;
import dev.gatehouse.problem.Problems;
import dev.gatehouse.session.SessionCookie;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * {@code /auth/verify}, asked by NGINX {@code auth_request} on every request to a protected location.
 * It answers 200, 401 or 403 and nothing else (NGINX turns any other status into a 500), for any
 * method, whatever the request carries. A plain Vert.x route: it sits on the hot path of every
 * protected page.
 */
@Singleton
public class VerifyRoute {

    static final String PATH = "/auth/verify";
    private static final Logger LOG = Logger.getLogger(VerifyRoute.class);

    private final IdentityResolver identities;
    private final SessionCookie cookie;
    private final GatewayConfig config;
    private final ClientAddress clientAddress;
    private final AuditLog audit;
    private final List<String> defaultRoles;

    public VerifyRoute(IdentityResolver identities, SessionCookie cookie, GatewayConfig config, ClientAddress clientAddress,
            AuditLog audit) {
        this.identities = identities;
        this.cookie = cookie;
        this.config = config;
        this.clientAddress = clientAddress;
        this.audit = audit;
        this.defaultRoles = normalise(config.defaultRoles());
    }

    void install(@Observes Router router) {
        router.route(PATH).order(-1000).handler(this::verify);
    }

    private void verify(RoutingContext ctx) {
        try {
            HttpServerRequest request = ctx.request();
            List<String> wanted = requiredRoles(request.getParam("role"));
            identities.resolve(request.getHeader(HttpHeaders.AUTHORIZATION), sessionCookie(request))
                    .subscribe().with(identity -> answer(ctx, identity, wanted), failure -> failClosed(ctx, failure));
        } catch (RuntimeException e) {
            failClosed(ctx, e);
        }
    }

    private void answer(RoutingContext ctx, Optional<Identity> identity, List<String> wanted) {
        if (identity.isEmpty()) {
            unauthorized(ctx);
        } else if (!identity.get().hasAnyRole(wanted)) {
            forbidden(ctx, identity.get(), wanted);
        } else {
            allowed(ctx, identity.get());
        }
    }

    private static void allowed(RoutingContext ctx, Identity identity) {
        HttpServerResponse response = ctx.response().setStatusCode(200)
                .putHeader(HttpHeaders.CACHE_CONTROL, "no-store")
                .putHeader("Remote-User", identity.username())
                .putHeader("Remote-Groups", String.join(",", identity.roles()));
        identity.email().ifPresent(email -> response.putHeader("Remote-Email", email));
        response.end();
    }

    private void unauthorized(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        if (ctx.response().ended()) {
            return;
        }
        if (wantsHtml(ctx.request())) {
            response.putHeader(HttpHeaders.LOCATION, loginLocation(ctx.request()));
        } else {
            response.putHeader("WWW-Authenticate", ProblemMappers.BEARER_CHALLENGE);
        }
        problem(ctx, 401, "Unauthorized", "Sign in to access this resource.");
    }

    private void forbidden(RoutingContext ctx, Identity identity, List<String> wanted) {
        audit.record(AuditLog.Event.ACCESS_DENIED, identity.username(), clientAddress.of(ctx.request()),
                "reason", "missing_role", "required", String.join(",", wanted), "url", originalUrl(ctx.request()).orElse(""));
        problem(ctx, 403, "Forbidden", "Your account does not have a role this resource requires.");
    }

    /** Whatever went wrong, the answer is "not signed in": never a 5xx that NGINX would turn into a 500. */
    private void failClosed(RoutingContext ctx, Throwable failure) {
        LOG.debugf("Verification failed closed: %s", failure.toString());
        unauthorized(ctx);
    }

    private static void problem(RoutingContext ctx, int status, String title, String detail) {
        Problems.write(ctx.response().putHeader(HttpHeaders.CACHE_CONTROL, "no-store"), status, title, detail);
    }

    private String loginLocation(HttpServerRequest request) {
        String login = config.loginUrl();
        // A destination too long to keep is not worth a header NGINX would refuse (its buffer is a page).
        return originalUrl(request)
                .map(url -> URLEncoder.encode(url, StandardCharsets.UTF_8))
                .filter(encoded -> encoded.length() <= RedirectPolicy.MAX_LENGTH)
                .map(encoded -> login + (login.contains("?") ? "&" : "?") + "rd=" + encoded)
                .orElse(login);
    }

    /** The URL the person asked for: {@code X-Original-URL}, or rebuilt from {@code X-Forwarded-*}. */
    private Optional<String> originalUrl(HttpServerRequest request) {
        String original = request.getHeader("X-Original-URL");
        if (original != null && !original.isBlank()) {
            return Optional.of(original);
        }
        String proto = request.getHeader("X-Forwarded-Proto");
        String host = request.getHeader("X-Forwarded-Host");
        String uri = request.getHeader("X-Forwarded-Uri");
        if (proto != null && host != null && uri != null) {
            return Optional.of(proto + "://" + host + uri);
        }
        return Optional.empty();
    }

    private static boolean wantsHtml(HttpServerRequest request) {
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        return accept != null && accept.toLowerCase(Locale.ROOT).contains("text/html");
    }

    private String sessionCookie(HttpServerRequest request) {
        Cookie found = request.getCookie(cookie.name());
        return found == null ? null : found.getValue();
    }

    private List<String> requiredRoles(String param) {
        if (param == null || param.isBlank()) {
            return defaultRoles;
        }
        List<String> roles = normalise(Arrays.asList(param.split(",")));
        return roles.isEmpty() ? defaultRoles : roles;
    }

    private static List<String> normalise(List<String> roles) {
        return roles.stream().map(role -> role.trim().toLowerCase(Locale.ROOT)).filter(role -> !role.isEmpty()).toList();
    }
}
