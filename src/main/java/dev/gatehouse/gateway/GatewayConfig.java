package dev.gatehouse.gateway;

import java.util.List;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** The NGINX {@code auth_request} gateway. Where people go after signing in is {@code SigninConfig}, same prefix. */
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
}
