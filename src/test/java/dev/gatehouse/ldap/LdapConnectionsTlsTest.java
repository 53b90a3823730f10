package dev.gatehouse.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.util.ssl.KeyStoreKeyManager;
import com.unboundid.util.ssl.SSLUtil;
import com.unboundid.util.ssl.TrustAllTrustManager;
import com.unboundid.util.ssl.cert.ManageCertificates;

import dev.gatehouse.support.FreePort;

/** StartTLS: the directory's certificate must be trusted and must name the host of the URL. */
class LdapConnectionsTlsTest {

    @TempDir
    static Path dir;

    private static InMemoryDirectoryServer server;
    private static int port;
    private static int otherPort;
    private static Path caFile;

    @BeforeAll
    static void startTlsDirectory() throws Exception {
        caFile = dir.resolve("ca.pem");
        port = FreePort.next();
        otherPort = FreePort.next();
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=example,dc=org");
        // Two listeners: one with a certificate for "localhost", one for another name, both signed alike.
        config.setListenerConfigs(listener("localhost", port), listener("elsewhere.invalid", otherPort));
        server = new InMemoryDirectoryServer(config);
        server.add("dn: dc=example,dc=org", "objectClass: domain", "dc: example");
        server.startListening();
    }

    /** A StartTLS listener whose certificate names {@code host} only; its certificate is appended to the CA file. */
    private static InMemoryListenerConfig listener(String host, int listenerPort) throws Exception {
        Path keystore = dir.resolve(host + ".p12");
        Path pem = dir.resolve(host + ".pem");
        manage("generate-self-signed-certificate", "--keystore", keystore.toString(), "--keystore-password", "changeit",
                "--keystore-type", "PKCS12", "--alias", "server", "--subject-dn", "CN=" + host,
                "--subject-alternative-name-dns", host);
        manage("export-certificate", "--keystore", keystore.toString(), "--keystore-password", "changeit", "--alias", "server",
                "--output-file", pem.toString(), "--output-format", "PEM");
        Files.writeString(caFile, Files.readString(pem), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        SSLUtil tls = new SSLUtil(new KeyStoreKeyManager(keystore.toFile(), "changeit".toCharArray(), "PKCS12", "server"),
                new TrustAllTrustManager());
        return InMemoryListenerConfig.createLDAPConfig(host, InetAddress.getLoopbackAddress(), listenerPort,
                tls.createSSLSocketFactory());
    }

    private static void manage(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultCode result = ManageCertificates.main(null, out, out, args);
        assertEquals(ResultCode.SUCCESS, result, out.toString());
    }

    @AfterAll
    static void stop() {
        server.shutDown(true);
    }

    private static void search(String host, int listenerPort, Optional<Path> ca) throws LDAPException {
        try (LdapConnections connections = new LdapConnections(new TestConfig("ldap://" + host + ":" + listenerPort, ca))) {
            assertNotNull(connections.searches().getEntry("dc=example,dc=org"));
        }
    }

    @Test
    void startTlsToTheHostTheTrustedCertificateNamesWorks() throws LDAPException {
        search("localhost", port, Optional.of(caFile));
    }

    @Test
    void aCertificateNobodyTrustsIsRefused() {
        assertThrows(LDAPException.class, () -> search("localhost", port, Optional.empty()));
    }

    @Test
    void aTrustedCertificateForAnotherHostIsRefused() {
        // A trusted certificate, but for another name: what a man in the middle with any good certificate shows.
        // (Reached by a numeric loopback address, the library accepts any trusted certificate: loopback
        // traffic cannot be intercepted from outside. Hence a name here.)
        assertThrows(LDAPException.class, () -> search("localhost", otherPort, Optional.of(caFile)));
    }

    /** The settings these tests vary, with the defaults for the rest. */
    private record TestConfig(String address, Optional<Path> ca) implements LdapConfig {
        public Optional<String> url() {
            return Optional.of(address);
        }

        public boolean startTls() {
            return true;
        }

        public Optional<Path> caFile() {
            return ca;
        }

        public Optional<String> bindDn() {
            return Optional.empty();
        }

        public Optional<String> bindPassword() {
            return Optional.empty();
        }

        public Optional<String> userBase() {
            return Optional.of("dc=example,dc=org");
        }

        public String userFilter() {
            return "(uid={0})";
        }

        public String disabledFilter() {
            return "(nsAccountLock=true)";
        }

        public Optional<String> groupBase() {
            return Optional.empty();
        }

        public String groupFilter() {
            return "(member={dn})";
        }

        public Optional<String> roleMap() {
            return Optional.empty();
        }

        public String defaultRole() {
            return "user";
        }

        public Duration recheck() {
            return Duration.ofMinutes(5);
        }

        public Duration connectTimeout() {
            return Duration.ofSeconds(2);
        }

        public Duration responseTimeout() {
            return Duration.ofSeconds(2);
        }

        public int poolSize() {
            return 2;
        }

        public Duration retryAfter() {
            return Duration.ofSeconds(30);
        }
    }
}
