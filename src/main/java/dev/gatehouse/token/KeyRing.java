package dev.gatehouse.token;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.gatehouse.platform.SecretFiles;
import dev.gatehouse.platform.StateConfig;
import io.quarkus.runtime.Startup;

/**
 * The current signing key and, during a rotation, the previous one. Only the current key signs;
 * both verify, so a rotation never logs anybody out before their token expires.
 */
@Startup
@Singleton
public class KeyRing {

    static final String CURRENT_FILE = "signing-key.pem";
    static final String PREVIOUS_FILE = "signing-key.previous.pem";
    private static final Logger LOG = Logger.getLogger(KeyRing.class);

    private final SigningKey current;
    private final Map<String, SigningKey> verificationKeys = new LinkedHashMap<>();

    public KeyRing(TokenConfig config, StateConfig state, SecureRandom random) {
        this.current = config.signingKeyFile()
                .map(KeyRing::read)
                .orElseGet(() -> loadOrGenerate(state.dir(), random));
        verificationKeys.put(current.kid(), current);
        previousKeyFile(config, state).map(KeyRing::read)
                .ifPresent(previous -> verificationKeys.putIfAbsent(previous.kid(), previous));
        LOG.infof("Signing with key %s; %d verification key(s)", current.kid(), verificationKeys.size());
    }

    public SigningKey current() {
        return current;
    }

    public Optional<SigningKey> find(String kid) {
        return kid == null ? Optional.empty() : Optional.ofNullable(verificationKeys.get(kid));
    }

    public List<SigningKey> verificationKeys() {
        return List.copyOf(verificationKeys.values());
    }

    private static Optional<Path> previousKeyFile(TokenConfig config, StateConfig state) {
        if (config.previousKeyFile().isPresent()) {
            return config.previousKeyFile();
        }
        Path conventional = state.dir().resolve(PREVIOUS_FILE);
        return Files.exists(conventional) ? Optional.of(conventional) : Optional.empty();
    }

    private static SigningKey loadOrGenerate(Path stateDir, SecureRandom random) {
        Path file = stateDir.resolve(CURRENT_FILE);
        if (Files.exists(file)) {
            return read(file);
        }
        // Instances sharing the state directory may start at once: the first key written wins and
        // every one of them signs with it, so each accepts the others' tokens.
        SigningKey generated = SigningKey.generate(random);
        SecretFiles.readOrCreatePrivate(file, generated::toPem);
        SigningKey current = read(file);
        if (current.kid().equals(generated.kid())) {
            LOG.infof("Generated a new signing key %s in %s", generated.kid(), file);
        }
        return current;
    }

    private static SigningKey read(Path file) {
        try {
            return SigningKey.fromPem(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read signing key " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("Signing key " + file + " is not a PKCS#8 PEM RSA private key", e);
        }
    }
}
