package dev.gatehouse.account;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** People creating their own accounts. */
@ConfigMapping(prefix = "gatehouse.signup")
public interface SignupConfig {

    /**
     * Whether anyone may create an account ({@code GATEHOUSE_SIGNUP_ENABLED}). Default false: every
     * signup endpoint answers 404, and accounts come only from configuration and administrators.
     */
    @WithDefault("false")
    boolean enabled();

    /**
     * The address domains that may sign up ({@code GATEHOUSE_SIGNUP_DOMAINS}, comma-separated, e.g.
     * {@code example.com}). Default: none listed, any domain. Subdomains are not included.
     */
    Optional<List<String>> domains();

    /** The role of a new account ({@code GATEHOUSE_SIGNUP_DEFAULT_ROLE}). Default {@code viewer}, which changes nothing. */
    @WithDefault("viewer")
    String defaultRole();
}
