package dev.gatehouse.saml;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Apache Santuario makes its algorithm, canonicalizer, transform and resolver objects by reflection
 * from the tables {@code Init.init()} fills; a native image must keep those constructors. Only the
 * families Gatehouse can meet are listed (SHA-1 ones too, so that they are refused by name rather
 * than failing to load).
 */
@RegisterForReflection(classNames = {
        "org.apache.xml.security.algorithms.implementations.SignatureBaseRSA$SignatureRSASHA1",
        "org.apache.xml.security.algorithms.implementations.SignatureBaseRSA$SignatureRSASHA256",
        "org.apache.xml.security.algorithms.implementations.SignatureBaseRSA$SignatureRSASHA384",
        "org.apache.xml.security.algorithms.implementations.SignatureBaseRSA$SignatureRSASHA512",
        "org.apache.xml.security.algorithms.implementations.SignatureBaseRSA$SignatureRSASHA256MGF1",
        "org.apache.xml.security.algorithms.implementations.SignatureECDSA$SignatureECDSASHA1",
        "org.apache.xml.security.algorithms.implementations.SignatureECDSA$SignatureECDSASHA256",
        "org.apache.xml.security.algorithms.implementations.SignatureECDSA$SignatureECDSASHA384",
        "org.apache.xml.security.algorithms.implementations.SignatureECDSA$SignatureECDSASHA512",
        "org.apache.xml.security.c14n.implementations.Canonicalizer20010315ExclOmitComments",
        "org.apache.xml.security.c14n.implementations.Canonicalizer20010315ExclWithComments",
        "org.apache.xml.security.c14n.implementations.Canonicalizer20010315OmitComments",
        "org.apache.xml.security.c14n.implementations.Canonicalizer20010315WithComments",
        "org.apache.xml.security.c14n.implementations.Canonicalizer11_OmitComments",
        "org.apache.xml.security.c14n.implementations.Canonicalizer11_WithComments",
        "org.apache.xml.security.c14n.implementations.CanonicalizerPhysical",
        "org.apache.xml.security.transforms.implementations.TransformEnvelopedSignature",
        "org.apache.xml.security.transforms.implementations.TransformC14NExclusive",
        "org.apache.xml.security.transforms.implementations.TransformC14NExclusiveWithComments",
        "org.apache.xml.security.transforms.implementations.TransformC14N",
        "org.apache.xml.security.transforms.implementations.TransformC14NWithComments",
        "org.apache.xml.security.transforms.implementations.TransformC14N11",
        "org.apache.xml.security.transforms.implementations.TransformC14N11_WithComments",
        "org.apache.xml.security.utils.resolver.implementations.ResolverFragment",
        "org.apache.xml.security.utils.resolver.implementations.ResolverXPointer",
        "org.apache.xml.security.keys.keyresolver.implementations.EncryptedKeyResolver",
        "org.apache.xml.security.keys.keyresolver.implementations.RSAKeyValueResolver",
        "org.apache.xml.security.keys.keyresolver.implementations.X509CertificateResolver" })
final class XmlSecReflection {

    private XmlSecReflection() {
    }
}
