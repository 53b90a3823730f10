package dev.gatehouse.saml;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * The identity provider the SAML tests play: an RSA key and certificate, and metadata naming them,
 * written once under {@code target/} so that the application (which reads the metadata file) and the
 * tests (which sign with the key) share them whichever class loader asks.
 */
final class TestIdp {

    static final String ENTITY_ID = "https://idp.test.example/realms/corp";
    static final String SSO_URL = "https://idp.test.example/realms/corp/protocol/saml";
    static final String SLO_URL = "https://idp.test.example/realms/corp/protocol/saml/logout";
    private static final Path DIR = Path.of("target", "saml-test-idp").toAbsolutePath();

    record Signer(PrivateKey key, X509Certificate certificate) {
    }

    private static Signer idp;

    private TestIdp() {
    }

    /** The metadata file, written on first use. */
    static synchronized Path metadataFile() {
        signer();
        return DIR.resolve("idp-metadata.xml");
    }

    /** The identity provider's own key: what the metadata names. */
    static synchronized Signer signer() {
        if (idp == null) {
            try {
                Files.createDirectories(DIR);
                Path pem = DIR.resolve("idp.pem");
                if (!Files.exists(pem)) {
                    Signer made = newSigner("Test IdP");
                    Files.writeString(pem, Pem.encode("PRIVATE KEY", made.key().getEncoded())
                            + Pem.encode("CERTIFICATE", made.certificate().getEncoded()));
                }
                String text = Files.readString(pem);
                idp = new Signer(Pem.privateKey(text), Pem.certificate(text));
                Files.writeString(DIR.resolve("idp-metadata.xml"), metadata(idp.certificate()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return idp;
    }

    /** Another key, the metadata does not name. */
    static Signer newSigner(String name) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            KeyPair keys = generator.generateKeyPair();
            Instant now = Instant.now();
            return new Signer(keys.getPrivate(),
                    SelfSignedCertificate.create(keys, name, now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(365)), new SecureRandom()));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String metadata(X509Certificate certificate) throws GeneralSecurityException {
        String encoded = Base64.getEncoder().encodeToString(certificate.getEncoded());
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <md:EntityDescriptor xmlns:md="urn:oasis:names:tc:SAML:2.0:metadata" xmlns:ds="http://www.w3.org/2000/09/xmldsig#" entityID="%s">
                  <md:IDPSSODescriptor WantAuthnRequestsSigned="true" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
                    <md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>%s</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
                    <md:SingleLogoutService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="%s"/>
                    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST" Location="%s"/>
                    <md:SingleSignOnService Binding="urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect" Location="%s"/>
                  </md:IDPSSODescriptor>
                </md:EntityDescriptor>
                """.formatted(ENTITY_ID, encoded, SLO_URL, SSO_URL, SSO_URL);
    }

    /** The AuthnRequest XML from a Redirect-binding {@code SAMLRequest} value (already URL-decoded). */
    static String inflate(String samlRequest) {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(Base64.getDecoder().decode(samlRequest));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[1024];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                out.write(buffer, 0, n);
            }
            return out.toString(StandardCharsets.UTF_8);
        } catch (DataFormatException e) {
            throw new IllegalStateException(e);
        } finally {
            inflater.end();
        }
    }

    static boolean verifies(PublicKey key, String signedText, String base64Signature) {
        try {
            java.security.Signature verifier = java.security.Signature.getInstance("SHA256withRSA");
            verifier.initVerify(key);
            verifier.update(signedText.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(Base64.getDecoder().decode(base64Signature));
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
