package dev.gatehouse.token;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How access tokens are signed and for how long they are honoured. */
@ConfigMapping(prefix = "gatehouse.token")
public interface TokenConfig {

    /** The {@code iss} claim, checked on every token. Default {@code gatehouse}. */
    @WithDefault("gatehouse")
    String issuer();

    /**
     * Lifetime of an access token. Default 1 hour. Tokens cannot be recalled before they expire
     * unless revoked, so shorter is safer.
     */
    @WithDefault("PT1H")
    Duration lifetime();

    /**
     * PKCS#8 PEM file of the current RSA signing key. Default: none, in which case Gatehouse generates
     * {@code signing-key.pem} (mode 0600) in the state directory on first start and reuses it.
     */
    Optional<Path> signingKeyFile();

    /**
     * PKCS#8 PEM file of the previous signing key, kept during a rotation so that tokens it signed
     * stay valid until they expire. Default: {@code signing-key.previous.pem} in the state directory,
     * if present. It is never used to sign.
     */
    Optional<Path> previousKeyFile();

    /**
     * How many verified tokens to remember, so that a token sent again skips the RSA check. Default
     * 10000; 0 turns it off. A remembered token is honoured only until its own expiry.
     */
    @WithDefault("10000")
    int verifiedCacheSize();

    /**
     * The {@code aud} claim ({@code $GATEHOUSE_TOKEN_AUDIENCE}), e.g. {@code https://api.example.org}.
     * Default: none, and tokens carry no audience. When set, tokens carry it and Gatehouse accepts only
     * tokens for it, so that other verifiers (which read the JWKS) can pin the audience too, and a
     * token minted for another service by the same keys is refused.
     */
    Optional<String> audience();
}
