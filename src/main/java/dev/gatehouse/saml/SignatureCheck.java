package dev.gatehouse.saml;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;

import org.apache.xml.security.c14n.Canonicalizer;
import org.apache.xml.security.exceptions.XMLSecurityException;
import org.apache.xml.security.signature.Reference;
import org.apache.xml.security.signature.SignedInfo;
import org.apache.xml.security.signature.XMLSignature;
import org.apache.xml.security.transforms.Transforms;
import org.w3c.dom.Element;

import dev.gatehouse.sso.SsoFailure;

/**
 * Whether one {@code ds:Signature} was made by the identity provider over exactly the element that
 * holds it. Only the certificates from the identity provider's metadata are tried: a KeyInfo inside
 * the message names a key anybody could have used, and is never read. The reference must point by ID
 * at the signature's parent (registered as an ID attribute, so it resolves to that very node and to
 * no look-alike elsewhere), with no transforms but enveloped-signature and exclusive canonicalization:
 * anything else could sign something other than what is then read. SHA-1 is refused in the signature
 * and in the digest alike.
 */
final class SignatureCheck {

    private static final Set<String> SIGNATURE_METHODS = Set.of(XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA256,
            XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA384, XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA512,
            XMLSignature.ALGO_ID_SIGNATURE_ECDSA_SHA256, XMLSignature.ALGO_ID_SIGNATURE_ECDSA_SHA384,
            XMLSignature.ALGO_ID_SIGNATURE_ECDSA_SHA512);
    private static final Set<String> SHA1 = Set.of(XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA1, XMLSignature.ALGO_ID_SIGNATURE_ECDSA_SHA1,
            XMLSignature.ALGO_ID_SIGNATURE_DSA, XMLSignature.ALGO_ID_SIGNATURE_RSA_SHA1_MGF1,
            "http://www.w3.org/2000/09/xmldsig#sha1");
    private static final Set<String> DIGESTS = Set.of("http://www.w3.org/2001/04/xmlenc#sha256",
            "http://www.w3.org/2001/04/xmldsig-more#sha384", "http://www.w3.org/2001/04/xmlenc#sha512");
    private static final Set<String> TRANSFORMS = Set.of(Transforms.TRANSFORM_ENVELOPED_SIGNATURE,
            Transforms.TRANSFORM_C14N_EXCL_OMIT_COMMENTS);

    private SignatureCheck() {
    }

    /**
     * Passes when {@code signature}, a direct child of {@code signed}, is the identity provider's over
     * {@code signed}; {@link SsoFailure} saying why not otherwise.
     */
    static void verify(Element signature, Element signed, List<X509Certificate> trusted) {
        XmlSecurity.init();
        String id = signed.getAttributeNS(null, "ID");
        if (id.isEmpty() || signature.getParentNode() != signed) {
            throw SsoFailure.refused("wrapping");
        }
        signed.setIdAttributeNS(null, "ID", true);
        try {
            XMLSignature xml = new XMLSignature(signature, "", true);
            SignedInfo info = xml.getSignedInfo();
            requireAlgorithm(info.getSignatureMethodURI(), SIGNATURE_METHODS);
            if (!Canonicalizer.ALGO_ID_C14N_EXCL_OMIT_COMMENTS.equals(info.getCanonicalizationMethodURI())) {
                throw SsoFailure.refused("weak_algorithm");
            }
            if (info.getLength() != 1) {
                throw SsoFailure.refused("wrapping");
            }
            Reference reference = info.item(0);
            if (!("#" + id).equals(reference.getURI())) {
                throw SsoFailure.refused("wrapping");
            }
            requireAlgorithm(reference.getMessageDigestAlgorithm().getAlgorithmURI(), DIGESTS);
            Transforms transforms = reference.getTransforms();
            for (int i = 0; transforms != null && i < transforms.getLength(); i++) {
                if (!TRANSFORMS.contains(transforms.item(i).getURI())) {
                    throw SsoFailure.refused("unexpected_transform");
                }
            }
            for (X509Certificate certificate : trusted) {
                if (xml.checkSignatureValue(certificate.getPublicKey())) {
                    if (reference.getContentsBeforeTransformation().getSubNode() != signed) {
                        throw SsoFailure.refused("wrapping");
                    }
                    return;
                }
            }
            // The references hold but no trusted key made the signature: somebody else signed it.
            throw SsoFailure.refused(info.verify() ? "wrong_signer" : "digest_mismatch");
        } catch (XMLSecurityException e) {
            throw SsoFailure.refused("bad_signature");
        }
    }

    private static void requireAlgorithm(String uri, Set<String> allowed) {
        if (uri == null || !allowed.contains(uri)) {
            throw SsoFailure.refused(uri != null && (SHA1.contains(uri) || uri.toLowerCase().endsWith("sha1")) ? "sha1_refused"
                    : "weak_algorithm");
        }
    }
}
