package dev.gatehouse.saml;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.time.Instant;

import org.jboss.logging.Logger;

import dev.gatehouse.platform.SecretFiles;
import dev.gatehouse.platform.StateConfig;

/**
 * Gatehouse's own SAML key and certificate: it signs the AuthnRequests with it, and identity providers
 * that encrypt assertions encrypt them to it. Either the files configured, or one RSA 3072 key with a
 * self-signed certificate generated into the state directory ({@code saml-sp.pem}, 0600, key and
 * certificate in one file so that instances starting at once cannot pair one's key with another's
 * certificate). Read when first needed, so that an instance without SAML never makes one.
 */
final class SpKeys {

    static final String FILE = "saml-sp.pem";
    private static final Logger LOG = Logger.getLogger(SpKeys.class);
    private static final int KEY_BITS = 3072;
    private static final Duration VALIDITY = Duration.ofDays(20 * 365);

    private final PrivateKey privateKey;
    private final X509Certificate certificate;

    private SpKeys(PrivateKey privateKey, X509Certificate certificate) {
        if (!(certificate.getPublicKey() instanceof RSAPublicKey)) {
            throw new IllegalArgumentException("the SAML certificate's key is not RSA");
        }
        this.privateKey = privateKey;
        this.certificate = certificate;
    }

    PrivateKey privateKey() {
        return privateKey;
    }

    X509Certificate certificate() {
        return certificate;
    }

    String certificateBase64() {
        try {
            return java.util.Base64.getEncoder().encodeToString(certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException(e);
        }
    }

    static SpKeys load(SamlConfig config, StateConfig state, SecureRandom random) {
        if (config.spKeyFile().isPresent() != config.spCertFile().isPresent()) {
            throw new IllegalArgumentException("gatehouse.saml.sp-key-file and gatehouse.saml.sp-cert-file go together: set both or neither");
        }
        if (config.spKeyFile().isPresent()) {
            return new SpKeys(Pem.privateKey(read(config.spKeyFile().get())), Pem.certificate(read(config.spCertFile().get())));
        }
        Path file = state.dir().resolve(FILE);
        boolean existed = Files.exists(file);
        String pem = SecretFiles.readOrCreatePrivate(file, () -> generate(random));
        if (!existed) {
            LOG.infof("Generated the SAML service provider key and certificate in %s", file);
        }
        return new SpKeys(Pem.privateKey(pem), Pem.certificate(pem));
    }

    private static String generate(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(KEY_BITS, random);
            KeyPair keys = generator.generateKeyPair();
            Instant now = Instant.now();
            X509Certificate certificate = SelfSignedCertificate.create(keys, "Gatehouse SAML", now.minus(Duration.ofDays(1)),
                    now.plus(VALIDITY), random);
            return Pem.encode("PRIVATE KEY", keys.getPrivate().getEncoded()) + Pem.encode("CERTIFICATE", certificate.getEncoded());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot generate the SAML key", e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + file, e);
        }
    }
}
