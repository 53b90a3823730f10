package dev.gatehouse.saml;

/**
 * Apache Santuario's algorithm tables, filled once before the first signature is made or checked.
 * {@code Init.init()} is idempotent and synchronized; the holder only saves the call.
 */
final class XmlSecurity {

    private static volatile boolean ready;

    private XmlSecurity() {
    }

    static void init() {
        if (!ready) {
            org.apache.xml.security.Init.init();
            ready = true;
        }
    }
}
