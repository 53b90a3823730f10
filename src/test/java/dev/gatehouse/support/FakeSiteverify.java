package dev.gatehouse.support;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A siteverify endpoint on a free loopback port that records every form it is posted. It answers by
 * the {@code response} token: {@link #PASS} (and any token starting with it) succeeds, {@link #FAIL}
 * fails, {@link #STATUS_500} answers 500, {@link #NOT_JSON} an HTML page, {@link #HUGE} an endless
 * answer, and {@link #SLOW} succeeds after {@link #SLOW_MILLIS}.
 */
public final class FakeSiteverify implements AutoCloseable {

    public static final String PASS = "pass";
    public static final String FAIL = "fail";
    public static final String STATUS_500 = "status-500";
    public static final String NOT_JSON = "not-json";
    public static final String HUGE = "huge";
    public static final String SLOW = "slow";
    public static final long SLOW_MILLIS = 4000;

    private final HttpServer server;
    private final List<Map<String, String>> posted = new CopyOnWriteArrayList<>();

    private FakeSiteverify(HttpServer server) {
        this.server = server;
    }

    public static FakeSiteverify start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            FakeSiteverify fake = new FakeSiteverify(server);
            server.createContext("/siteverify", fake::answer);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/siteverify";
    }

    /** Every form posted so far, decoded, oldest first. */
    public List<Map<String, String>> posted() {
        return List.copyOf(posted);
    }

    /** The forms whose {@code response} was {@code token}. */
    public List<Map<String, String>> postedWith(String token) {
        return posted.stream().filter(form -> token.equals(form.get("response"))).toList();
    }

    private void answer(HttpExchange exchange) throws IOException {
        try (exchange) {
            Map<String, String> form = decode(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            form.put("method", exchange.getRequestMethod());
            form.put("content-type", String.valueOf(exchange.getRequestHeaders().getFirst("Content-Type")));
            posted.add(form);
            String token = form.getOrDefault("response", "");
            switch (token) {
                case FAIL -> send(exchange, 200, "{\"success\": false, \"error-codes\": [\"invalid-input-response\"]}");
                case STATUS_500 -> send(exchange, 500, "{\"success\": true}");
                case NOT_JSON -> send(exchange, 200, "<html><body>Maintenance</body></html>");
                case HUGE -> send(exchange, 200, "{\"success\": true, \"padding\": \"" + "x".repeat(200_000) + "\"}");
                case SLOW -> {
                    sleep(SLOW_MILLIS);
                    send(exchange, 200, "{\"success\": true}");
                }
                default -> send(exchange, 200, token.startsWith(PASS)
                        ? "{\"success\": true, \"challenge_ts\": \"2026-01-01T00:00:00Z\", \"hostname\": \"gate.example\"}"
                        : "{\"success\": false, \"error-codes\": [\"invalid-input-response\"]}");
            }
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", body.startsWith("{") ? "application/json" : "text/html");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        } catch (IOException e) {
            // the client gave up first (the slow and huge answers): nothing to tell it
        }
    }

    private static Map<String, String> decode(String body) {
        Map<String, String> fields = new HashMap<>();
        for (String pair : body.split("&")) {
            if (!pair.isEmpty()) {
                int equals = pair.indexOf('=');
                String name = equals < 0 ? pair : pair.substring(0, equals);
                String value = equals < 0 ? "" : pair.substring(equals + 1);
                fields.put(URLDecoder.decode(name, StandardCharsets.UTF_8), URLDecoder.decode(value, StandardCharsets.UTF_8));
            }
        }
        return fields;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
