package dev.gatehouse.saml;

import java.io.ByteArrayOutputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import dev.gatehouse.sso.SsoFailure;

/**
 * The HTTP-Redirect binding: a message deflated, base64'd and URL-encoded into {@code SAMLRequest} or
 * {@code SAMLResponse}, with {@code RelayState}, {@code SigAlg} and a {@code Signature} (RSA-SHA256)
 * over exactly that query string, as the binding's specification says. What Gatehouse sends is always
 * signed; what it receives this way must be signed RSA-SHA256 by a certificate of the identity
 * provider's metadata, over the parameters exactly as they arrived (never re-encoded).
 */
final class RedirectBinding {

    static final String RSA_SHA256 = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
    /** An inflated message bigger than this is not a logout message: a deflate bomb stops here. */
    private static final int MAX_INFLATED = 64 * 1024;

    /** A received message: its parameter ({@code SAMLRequest} or {@code SAMLResponse}), XML and RelayState. */
    record Received(String parameter, byte[] xml, Optional<String> relayState) {
    }

    private RedirectBinding() {
    }

    /** {@code endpoint} carrying {@code xml} as {@code parameter}, signed with {@code key}. */
    static String url(String endpoint, String parameter, String xml, Optional<String> relayState, PrivateKey key) {
        String query = parameter + "=" + encode(deflate(xml)) + relayState.map(state -> "&RelayState=" + encode(state)).orElse("")
                + "&SigAlg=" + encode(RSA_SHA256);
        try {
            Signature signer = Signature.getInstance("SHA256withRSA");
            signer.initSign(key);
            signer.update(query.getBytes(StandardCharsets.UTF_8));
            String signature = Base64.getEncoder().encodeToString(signer.sign());
            return endpoint + (endpoint.contains("?") ? "&" : "?") + query + "&Signature=" + encode(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign a SAML message", e);
        }
    }

    /**
     * The message of a raw query string, once its signature holds for one of {@code certificates}.
     * Refused (401): unsigned, another algorithm, another key, a parameter twice. Malformed (400): no
     * message, not base64 or deflate, too large.
     */
    static Received receive(String rawQuery, List<X509Certificate> certificates) {
        Map<String, String> raw = rawParameters(rawQuery);
        String parameter = raw.containsKey("SAMLRequest") == raw.containsKey("SAMLResponse") ? null
                : raw.containsKey("SAMLRequest") ? "SAMLRequest" : "SAMLResponse";
        if (parameter == null) {
            throw SsoFailure.badRequest("missing_message");
        }
        if (!raw.containsKey("Signature") || !raw.containsKey("SigAlg")) {
            throw SsoFailure.refused("unsigned_message");
        }
        if (!RSA_SHA256.equals(decode(raw.get("SigAlg")))) {
            throw SsoFailure.refused("weak_signature_algorithm");
        }
        String signed = parameter + "=" + raw.get(parameter)
                + (raw.containsKey("RelayState") ? "&RelayState=" + raw.get("RelayState") : "") + "&SigAlg=" + raw.get("SigAlg");
        byte[] signature = base64(decode(raw.get("Signature")), "unsigned_message");
        if (certificates.stream().noneMatch(certificate -> verifies(certificate, signed, signature))) {
            throw SsoFailure.refused("invalid_signature");
        }
        return new Received(parameter, inflate(base64(decode(raw.get(parameter)), "malformed_message")),
                Optional.ofNullable(raw.get("RelayState")).map(RedirectBinding::decode));
    }

    private static boolean verifies(X509Certificate certificate, String signed, byte[] signature) {
        try {
            Signature verifier = Signature.getInstance("SHA256withRSA");
            verifier.initVerify(certificate.getPublicKey());
            verifier.update(signed.getBytes(StandardCharsets.UTF_8));
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** Each parameter as it arrived, still URL-encoded: the signature covers those very bytes. */
    private static Map<String, String> rawParameters(String rawQuery) {
        Map<String, String> parameters = new HashMap<>();
        for (String pair : (rawQuery == null ? "" : rawQuery).split("&")) {
            int equals = pair.indexOf('=');
            if (equals > 0 && parameters.put(pair.substring(0, equals), pair.substring(equals + 1)) != null) {
                throw SsoFailure.refused("parameter_twice");
            }
        }
        return parameters;
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw SsoFailure.badRequest("malformed_message");
        }
    }

    private static byte[] base64(String text, String reason) {
        try {
            return Base64.getMimeDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            throw SsoFailure.badRequest(reason);
        }
    }

    private static String deflate(String xml) {
        Deflater deflater = new Deflater(Deflater.DEFLATED, true);
        try {
            deflater.setInput(xml.getBytes(StandardCharsets.UTF_8));
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[1024];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            return Base64.getEncoder().encodeToString(out.toByteArray());
        } finally {
            deflater.end();
        }
    }

    private static byte[] inflate(byte[] deflated) {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(deflated);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    break;
                }
                out.write(buffer, 0, n);
                if (out.size() > MAX_INFLATED) {
                    throw SsoFailure.badRequest("malformed_message");
                }
            }
            return out.toByteArray();
        } catch (DataFormatException e) {
            throw SsoFailure.badRequest("malformed_message");
        } finally {
            inflater.end();
        }
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
