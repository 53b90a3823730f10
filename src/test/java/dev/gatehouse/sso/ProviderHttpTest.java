package dev.gatehouse.sso;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/** Calls to a provider's endpoints are bounded in time and size, and never follow a redirect. */
class ProviderHttpTest {

    private HttpServer server;
    private final ProviderHttp http = new ProviderHttp("test", Duration.ofMillis(800));

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/huge", exchange -> {
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                byte[] chunk = new byte[16 * 1024];
                for (int i = 0; i < 64; i++) {
                    out.write(chunk);
                }
            } catch (IOException e) {
                // The reader hung up, as it should.
            }
        });
        server.createContext("/slow", exchange -> {
            try {
                Thread.sleep(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.createContext("/elsewhere", exchange -> {
            exchange.getResponseHeaders().add("Location", url("/ok"));
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.createContext("/ok", exchange -> {
            byte[] body = "{\"id\":1}".getBytes();
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    private ProviderHttp.Answer get(String path) {
        return http.send(HttpRequest.newBuilder(URI.create(url(path))).GET());
    }

    @Test
    void anAnswerIsRead() {
        ProviderHttp.Answer answer = get("/ok");
        assertEquals(200, answer.status());
        assertEquals("{\"id\":1}", new String(answer.body()));
    }

    @Test
    void attackOversizedAnswerIsRefused() {
        SsoFailure failure = assertThrows(SsoFailure.class, () -> get("/huge"));
        assertEquals("oversized_answer", failure.reason());
        assertEquals(401, failure.status());
    }

    @Test
    void aSlowProviderIsUnavailableWithinTheTimeout() {
        long began = System.nanoTime();
        SsoFailure failure = assertThrows(SsoFailure.class, () -> get("/slow"));
        assertEquals(503, failure.status());
        assertTrue(Duration.ofNanos(System.nanoTime() - began).compareTo(Duration.ofSeconds(3)) < 0);
    }

    @Test
    void aRedirectIsNotFollowed() {
        assertEquals(302, get("/elsewhere").status());
    }

    @Test
    void nobodyListeningIsUnavailable() {
        server.stop(0);
        assertEquals(503, assertThrows(SsoFailure.class, () -> get("/ok")).status());
    }
}
