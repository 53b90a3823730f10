package dev.gatehouse.session;

import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Browser sessions: server-side in Redis, referenced by an opaque cookie. */
@ConfigMapping(prefix = "gatehouse.session")
public interface SessionConfig {

    /**
     * Name of the session cookie. Default {@code __Host-gatehouse_session} when no cookie domain is
     * configured (browsers then accept it only Secure, for Path=/ and without Domain, so a sibling
     * subdomain cannot plant one), else {@code gatehouse_session}. A {@code __Host-} name together with a
     * domain, or without Secure, is refused at start. The NGINX snippet strips the session cookie by name
     * before proxying; it knows both defaults.
     */
    Optional<String> cookieName();

    /** Absolute lifetime of a session. Default 7 days; logout or a new login ends it sooner. */
    @WithDefault("P7D")
    Duration lifetime();

    /**
     * Idle time after which a session ends. Default: none (only the absolute lifetime applies).
     * Setting it, e.g. {@code 8h}, limits what a forgotten browser exposes.
     */
    Optional<Duration> inactivityTimeout();

    /**
     * {@code SameSite} attribute: {@code Lax} (default: links from other sites arrive signed in) or
     * {@code Strict} (they arrive signed out; stronger against cross-site request forgery).
     */
    @WithDefault("Lax")
    SameSite sameSite();

    /**
     * {@code Domain} attribute, e.g. {@code example.com} to share the session with subdomains. Default:
     * none, the cookie goes back only to the host that set it, which is the safer choice.
     */
    Optional<String> cookieDomain();

    /** {@code Secure} attribute. Default true: the cookie never travels over plain HTTP. Turn off only for local tests. */
    @WithDefault("true")
    boolean secureCookie();

    /**
     * How long an instance may answer from memory for a session it read from Redis. Default 5 s; 0
     * turns the cache off. A logout evicts the session at once on every instance sharing Redis (by
     * pub/sub); this bound matters only when that channel is broken, e.g. during a Redis restart.
     */
    @WithDefault("5s")
    Duration cacheTtl();

    /**
     * Sessions one account may have at once ({@code GATEHOUSE_SESSION_MAX_PER_USER}). Default 10; a new
     * sign-in beyond it ends the account's oldest session, so a stolen password cannot pile up sessions.
     */
    @WithDefault("10")
    int maxPerUser();

    enum SameSite {
        Lax, Strict
    }
}
