package dev.gatehouse.otp;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import dev.gatehouse.code.CodePolicy;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Sign-in by a code sent by mail to the addresses on an allowlist. */
@ConfigMapping(prefix = "gatehouse.otp")
public interface OtpConfig {

    /**
     * The allowlist file ({@code GATEHOUSE_OTP_ALLOWLIST_FILE}): one address or {@code *@domain} per line,
     * optionally followed by roles. Default: none, and sign-in by code is off (its endpoints answer
     * 404). Read again within 3 s of a change; whoever can write it decides who gets in.
     */
    Optional<Path> allowlistFile();

    /** Roles of an entry that names none. Default {@code user}, the least one. */
    @WithDefault("user")
    String defaultRole();

    /** How long a code works. Default 10 minutes; a longer one gives a guesser more time. */
    @WithDefault("PT10M")
    Duration codeLifetime();

    /** Wrong entries that burn a code. Default 5: one guess in 200 000 per code. */
    @WithDefault("5")
    int maxAttempts();

    /** Code requests per address per {@link #requestWindow()}. Default 5: bounds the mail anyone can send to one inbox. */
    @WithDefault("5")
    int requestsPerAddress();

    /** Code requests per client address per {@link #requestWindow()}. Default 30: bounds mail sent at one client's bidding. */
    @WithDefault("30")
    int requestsPerClient();

    /** The window of both request limits. Default 1 hour. */
    @WithDefault("PT1H")
    Duration requestWindow();

    /** The limits of sign-in codes. */
    default CodePolicy policy() {
        return new CodePolicy(codeLifetime(), maxAttempts(), requestsPerAddress(), requestsPerClient(), requestWindow());
    }

    /** Sign-in by code is on when an allowlist file is configured. */
    default boolean enabled() {
        return allowlistFile().isPresent();
    }
}
