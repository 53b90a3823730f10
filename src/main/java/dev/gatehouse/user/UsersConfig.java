package dev.gatehouse.user;

import java.nio.file.Path;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Accounts declared by the operator. They are written to Redis at start-up and are authoritative:
 * an account the configuration no longer declares is removed at the next start, with its sessions
 * and tokens. Accounts made otherwise (signup, the admin API) are not touched.
 */
@ConfigMapping(prefix = "gatehouse.users")
public interface UsersConfig {

    /** Name of the built-in administrator. Default: {@code $API_ADMIN_USER}, else {@code admin}. */
    @WithDefault("${API_ADMIN_USER:admin}")
    String adminName();

    /**
     * The administrator's password ({@code $API_ADMIN_PASS}, or the file named by
     * {@code $API_ADMIN_PASS_FILE}). Default: none. When unset and the administrator does not exist
     * yet, Gatehouse generates a strong password, writes it to {@code admin-password} (mode 0600) in
     * the state directory, logs only that file's path, and stores only its hash.
     */
    Optional<String> adminPassword();

    /**
     * More accounts ({@code $API_EXTRA_USERS}): {@code name:password[:role],...} with role
     * {@code admin}, {@code mod} or {@code user} (the default). Default: none. Passwords must pass the
     * password policy; those containing {@code ,} or {@code :} belong in the users file.
     */
    Optional<String> extra();

    /**
     * A YAML users database ({@code $GATEHOUSE_USERS_FILE}), one account per key under {@code users:},
     * each with {@code password} or a bcrypt {@code password_hash}, {@code roles}, {@code email},
     * {@code displayname} and {@code disabled}. Default: none. Keep it readable by Gatehouse only.
     */
    Optional<Path> file();
}
