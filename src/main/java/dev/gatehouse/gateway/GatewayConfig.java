package dev.gatehouse.gateway;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The NGINX {@code auth_request} gateway and the browser login around it. */
@ConfigMapping(prefix = "gatehouse.gateway")
public interface GatewayConfig {

    /**
     * Roles that may pass {@code /auth/verify} when the request names none ({@code ?role=a,b} is
     * any-of). Default {@code admin,mod}: regular users are refused dashboards unless a location
     * asks for {@code user} explicitly.
     */
    @WithDefault("admin,mod")
    List<String> defaultRoles();

    /** Where browsers are sent to sign in. Default {@code /login} on the same host. */
    @WithDefault("/login")
    String loginUrl();

    /** Where people land after login when the requested destination is missing or unsafe. Default {@code /}. */
    @WithDefault("/")
    String defaultRedirect();

    /**
     * Other domains that login may send people back to, e.g. {@code example.com} (covers its
     * subdomains, HTTPS only). Default: none, only the host serving the login page. Each entry widens
     * what an attacker can use as an open redirect.
     */
    Optional<List<String>> allowedRedirectDomains();
}
