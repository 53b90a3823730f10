package dev.gatehouse.authn;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How failed logins are answered. */
@ConfigMapping(prefix = "gatehouse.login")
public interface LoginConfig {

    /**
     * Every failed login is answered no sooner than this after it arrived, whatever failed (unknown
     * user, wrong password, ban), so response times tell an attacker nothing. Default 500 ms; keep it
     * above the time one bcrypt check takes.
     */
    @WithDefault("500ms")
    Duration failureMinDuration();
}
