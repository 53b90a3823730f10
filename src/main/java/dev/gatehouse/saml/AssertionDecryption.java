package dev.gatehouse.saml;

import java.security.Key;
import java.security.PrivateKey;

import org.apache.xml.security.encryption.EncryptedData;
import org.apache.xml.security.encryption.EncryptedKey;
import org.apache.xml.security.encryption.XMLCipher;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import dev.gatehouse.sso.SsoFailure;

/**
 * An EncryptedAssertion opened with Gatehouse's key: the content key is unwrapped (RSA-OAEP, as
 * Keycloak sends it) whether the EncryptedKey sits in the EncryptedData's KeyInfo or beside it, the
 * data decrypted, and the EncryptedAssertion replaced by the Assertion it held. The
 * result is then checked like any other assertion: encryption proves nothing about who sent it.
 */
final class AssertionDecryption {

    private AssertionDecryption() {
    }

    static Element decrypt(Element encryptedAssertion, PrivateKey key) {
        XmlSecurity.init();
        Document document = encryptedAssertion.getOwnerDocument();
        NodeList data = encryptedAssertion.getElementsByTagNameNS(SafeXml.XENC, "EncryptedData");
        NodeList keys = encryptedAssertion.getElementsByTagNameNS(SafeXml.XENC, "EncryptedKey");
        if (data.getLength() != 1 || keys.getLength() != 1) {
            throw SsoFailure.refused("undecryptable_assertion");
        }
        try {
            Element dataElement = (Element) data.item(0);
            XMLCipher reader = XMLCipher.getInstance();
            reader.init(XMLCipher.DECRYPT_MODE, null);
            EncryptedData encrypted = reader.loadEncryptedData(document, dataElement);
            String algorithm = encrypted.getEncryptionMethod().getAlgorithm();
            XMLCipher unwrapper = XMLCipher.getInstance();
            unwrapper.init(XMLCipher.UNWRAP_MODE, key);
            EncryptedKey encryptedKey = unwrapper.loadEncryptedKey(document, (Element) keys.item(0));
            Key contentKey = unwrapper.decryptKey(encryptedKey, algorithm);
            XMLCipher decrypter = XMLCipher.getInstance();
            decrypter.init(XMLCipher.DECRYPT_MODE, contentKey);
            decrypter.setSecureValidation(true);
            decrypter.doFinal(document, dataElement);
        } catch (Exception e) {
            // XMLCipher.doFinal declares Exception: whatever fails, the assertion cannot be read.
            throw SsoFailure.refused("undecryptable_assertion");
        }
        Element assertion = SafeXml.children(encryptedAssertion, SafeXml.SAML, "Assertion").stream().findFirst()
                .orElseThrow(() -> SsoFailure.refused("undecryptable_assertion"));
        encryptedAssertion.getParentNode().replaceChild(assertion, encryptedAssertion);
        return assertion;
    }
}
