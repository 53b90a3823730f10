package dev.gatehouse.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.gatehouse.support.FreePort;

/**
 * A real Keycloak (the {@code keycloak-quarkus-dist} zip that the Maven profile {@code keycloak} unpacks
 * under {@code target/keycloak}) started by {@code kc.sh start-dev} on a loopback port, with an
 * in-memory database and one realm imported at start. Its bootstrap administrator's password is made
 * for each start and known only to this object, which uses it for the admin REST API.
 *
 * <pre>
 * KeycloakServer keycloak = KeycloakServer.launch(logDir, realmJson);
 * ... start other parts meanwhile ...
 * keycloak.awaitReady();
 * </pre>
 */
public final class KeycloakServer implements AutoCloseable {

    /** Where failsafe says the unpacked distribution is (see the {@code keycloak} profile in pom.xml). */
    public static final String HOME_PROPERTY = "gatehouse.keycloak.home";
    /** Keycloak builds itself on its first start: minutes on a busy two-core machine. */
    private static final Duration START_LIMIT = Duration.ofMinutes(5);
    private static final String ADMIN = "e2e-bootstrap-admin";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int port;
    private final String realm;
    private final String adminPassword;
    private final LoggedProcess process;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private KeycloakServer(int port, String realm, String adminPassword, LoggedProcess process) {
        this.port = port;
        this.realm = realm;
        this.adminPassword = adminPassword;
        this.process = process;
    }

    /** The unpacked distribution, {@code target/keycloak/keycloak-VERSION}. */
    public static Path home() {
        String home = System.getProperty(HOME_PROPERTY);
        if (home == null || home.isBlank() || !Files.isRegularFile(Path.of(home, "bin", "kc.sh"))) {
            throw new IllegalStateException("No Keycloak at " + HOME_PROPERTY + "=" + home
                    + ": run the Keycloak journeys with ./mvnw verify -Pkeycloak (it unpacks the distribution)");
        }
        return Path.of(home);
    }

    /**
     * Starts Keycloak on {@code port} without waiting for it, importing {@code realm} (a realm
     * representation as JSON); {@code keycloak.log} goes to {@code logDir}.
     */
    public static KeycloakServer launch(Path logDir, int port, JsonNode realm) {
        Path home = home();
        Path imports = home.resolve("data").resolve("import");
        try {
            // The import directory is the distribution's own: only this realm in it.
            E2e.deleteRecursively(imports);
            Files.createDirectories(imports);
            Files.writeString(imports.resolve("realm.json"), JSON.writerWithDefaultPrettyPrinter().writeValueAsString(realm));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String adminPassword = randomHex(16);
        String url = "http://127.0.0.1:" + port;
        List<String> command = List.of("bash", home.resolve("bin").resolve("kc.sh").toString(), "start-dev",
                "--http-host=127.0.0.1", "--http-port=" + port,
                // One fixed origin, whoever asks: the issuer of every token is the one Gatehouse was given.
                "--hostname=" + url,
                // Never the shared default 9000, which Gatehouse's management interface also defaults to.
                "--http-management-port=" + FreePort.next(),
                "--db=dev-mem", "--import-realm", "--cache=local");
        Map<String, String> environment = Map.of(
                // Keycloak 26 needs Java 21 or later: the JDK of the tests (25) runs it.
                "JAVA_HOME", System.getProperty("java.home"),
                "KC_BOOTSTRAP_ADMIN_USERNAME", ADMIN,
                "KC_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
        LoggedProcess process = LoggedProcess.start(command, environment, logDir.resolve("keycloak.log"));
        return new KeycloakServer(port, realm.get("realm").asText(), adminPassword, process);
    }

    /** Waits until the realm answers its discovery document (Keycloak has started and imported it). */
    public KeycloakServer awaitReady() {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        URI discovery = URI.create(issuer() + "/.well-known/openid-configuration");
        while (true) {
            if (!process.alive()) {
                throw new AssertionError("Keycloak exited while starting (log " + process.log() + "):\n" + process.tail());
            }
            try {
                if (http.send(HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return this;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("Interrupted", e);
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Keycloak did not serve " + discovery + " within " + START_LIMIT + " (log "
                        + process.log() + "):\n" + process.tail());
            }
            E2e.sleep(Duration.ofMillis(500));
        }
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:PORT} */
    public String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The realm's issuer, {@code http://127.0.0.1:PORT/realms/REALM}. */
    public String issuer() {
        return url() + "/realms/" + realm;
    }

    /** The realm's SAML identity provider metadata, as Gatehouse's {@code GATEHOUSE_SAML_IDP_METADATA} names it. */
    public String samlDescriptor() {
        return issuer() + "/protocol/saml/descriptor";
    }

    /** Keycloak's id of a user of the realm, which is also the {@code sub} of its tokens. */
    public String userId(String username) {
        JsonNode users = admin("GET", "/users?exact=true&username=" + URLEncoder.encode(username, StandardCharsets.UTF_8));
        if (users.size() != 1) {
            throw new AssertionError("Keycloak has " + users.size() + " users named " + username);
        }
        return users.get(0).get("id").asText();
    }

    /**
     * Ends every session of the user at Keycloak, as an administrator does from its console; Keycloak
     * then sends a logout token to each client with a back-channel logout URL.
     */
    public void logOut(String userId) {
        admin("POST", "/users/" + userId + "/logout");
    }

    /** A call to the realm's admin REST API with a fresh token of the bootstrap administrator. */
    public JsonNode admin(String method, String path) {
        URI uri = URI.create(url() + "/admin/realms/" + realm + path);
        String body = send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + adminToken()).method(method, HttpRequest.BodyPublishers.noBody()).build());
        try {
            return body.isBlank() ? JSON.nullNode() : JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String adminToken() {
        String form = Stream.of(Map.entry("grant_type", "password"), Map.entry("client_id", "admin-cli"),
                Map.entry("username", ADMIN), Map.entry("password", adminPassword))
                .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url() + "/realms/master/protocol/openid-connect/token"))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        try {
            return JSON.readTree(send(request)).get("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private String send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() / 100 != 2) {
                throw new AssertionError(request.method() + " " + request.uri() + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }

    public Path log() {
        return process.log();
    }

    /** A random secret of {@code bytes} bytes, as hex: made for each run, never fixed in the sources. */
    static String randomHex(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return HexFormat.of().formatHex(random);
    }

    @Override
    public void close() {
        // kc.sh passes SIGTERM on to its java; should it not, the java is ended too.
        List<ProcessHandle> children = ProcessHandle.of(process.pid()).stream().flatMap(ProcessHandle::descendants).toList();
        process.stop();
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }
}
