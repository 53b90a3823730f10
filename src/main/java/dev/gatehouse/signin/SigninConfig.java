package dev.gatehouse.signin;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where browsers go after signing in. Shares its prefix with the gateway's settings, where operators know it. */
@ConfigMapping(prefix = "gatehouse.gateway")
public interface SigninConfig {

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
