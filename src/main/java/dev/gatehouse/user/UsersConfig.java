package dev.gatehouse.user;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Accounts declared by the operator in the environment, as the original API knew them. They are
 * written to Redis at start-up; the environment wins over what Redis holds for these names.
 */
@ConfigMapping(prefix = "gatehouse.users")
public interface UsersConfig {

    /** Name of the built-in administrator. Default: {@code $API_ADMIN_USER}, else {@code admin}. */
    @WithDefault("${API_ADMIN_USER:admin}")
    String adminName();

    /**
     * The administrator's password ({@code $API_ADMIN_PASS}). Default: none. When unset and the
     * administrator does not exist yet, Gatehouse generates a strong password, prints it once on the
     * console (never to the log) and stores only its hash.
     */
    Optional<String> adminPassword();

    /**
     * More accounts ({@code $API_EXTRA_USERS}): {@code name:password[:role],...} with role
     * {@code admin}, {@code mod} or {@code user} (the default). Default: none.
     */
    Optional<String> extra();
}
