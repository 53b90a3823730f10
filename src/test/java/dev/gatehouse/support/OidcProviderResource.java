package dev.gatehouse.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import no.nav.security.mock.oauth2.MockOAuth2Server;

/**
 * A real OpenID Connect provider in the test JVM (mock-oauth2-server): discovery, keys, authorization,
 * token and userinfo endpoints, issuing whatever claims a test enqueues. Three providers for Gatehouse:
 * {@code mock} (groups mapped to roles, no linking), {@code corp} (links by verified e-mail) and
 * {@code down} (nobody answers there).
 */
public class OidcProviderResource implements QuarkusTestResourceLifecycleManager {

    public static final String CLIENT_ID = "gatehouse-client";
    public static final String CLIENT_SECRET = "gatehouse-client-secret";

    private static MockOAuth2Server server;

    public static MockOAuth2Server server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        server = new MockOAuth2Server();
        server.start();
        warmUp(server.wellKnownUrl("mock").toString());
        return Map.ofEntries(
                Map.entry("gatehouse.sso.timeout", "5s"),
                Map.entry("gatehouse.sso.oidc.mock.issuer", server.issuerUrl("mock").toString()),
                Map.entry("gatehouse.sso.oidc.mock.client-id", CLIENT_ID),
                Map.entry("gatehouse.sso.oidc.mock.client-secret", CLIENT_SECRET),
                Map.entry("gatehouse.sso.oidc.mock.label", "Mock IdP"),
                Map.entry("gatehouse.sso.oidc.mock.roles-claim", "realm_access.roles"),
                Map.entry("gatehouse.sso.oidc.mock.role-map", "idp-admins=admin,idp-editors=editor"),
                Map.entry("gatehouse.sso.oidc.mock.default-role", "user"),
                Map.entry("gatehouse.sso.oidc.mock.post-logout-redirect-uri", "https://app.example.com/login"),
                Map.entry("gatehouse.sso.oidc.corp.issuer", server.issuerUrl("corp").toString()),
                Map.entry("gatehouse.sso.oidc.corp.client-id", CLIENT_ID),
                Map.entry("gatehouse.sso.oidc.corp.client-secret", CLIENT_SECRET),
                Map.entry("gatehouse.sso.oidc.corp.link-by-email", "true"),
                Map.entry("gatehouse.sso.oidc.down.issuer", "http://127.0.0.1:" + FreePort.next() + "/down"),
                Map.entry("gatehouse.sso.oidc.down.client-id", CLIENT_ID),
                Map.entry("gatehouse.sso.oidc.down.client-secret", CLIENT_SECRET));
    }

    /** Its first answer loads a good deal of classes: not something a sign-in timeout should measure. */
    private static void warmUp(String url) {
        try (HttpClient http = HttpClient.newHttpClient()) {
            http.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void stop() {
        if (server != null) {
            server.shutdown();
        }
    }
}
