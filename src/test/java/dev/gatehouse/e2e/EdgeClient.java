package dev.gatehouse.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.PemTrustOptions;
import io.vertx.core.net.SocketAddress;

/**
 * Gatehouse as HTTP clients reach it, through Vert.x's HttpClient: at the edge (nginx over HTTPS,
 * trusting only the stack's certificate, host name checked) like a browser or API client, or on the
 * app's Unix socket like nginx. Requests go out as given: the path unnormalised, every header in
 * order, repeated ones repeated, one connection each. Redirects are not followed (tests look at
 * them); cookies are kept and sent back like a browser does. {@link #from(String)} connects from
 * another loopback source address.
 */
public final class EdgeClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Vertx VERTX = Vertx.vertx(new VertxOptions().setPreferNativeTransport(true));
    /** One Vert.x client per way of connecting (certificate trusted, source address), shared. */
    private static final Map<List<String>, HttpClient> CLIENTS = new ConcurrentHashMap<>();

    private final String host;
    private final int httpsPort;
    private final int httpPort;
    private final Path certificate;
    private final Path socket;
    private final String source;
    private final CookieManager cookies;

    private EdgeClient(String host, int httpsPort, int httpPort, Path certificate, Path socket, String source,
            CookieManager cookies) {
        this.host = host;
        this.httpsPort = httpsPort;
        this.httpPort = httpPort;
        this.certificate = certificate;
        this.socket = socket;
        this.source = source;
        this.cookies = cookies;
    }

    /** A client of nginx on this machine (127.0.0.1), addressed as {@code host}, trusting only {@code certificatePem}. */
    public static EdgeClient edge(String host, int httpsPort, int httpPort, Path certificatePem) {
        return new EdgeClient(host, httpsPort, httpPort, certificatePem, null, null, jar());
    }

    /** A client of the app's own Unix socket, plain HTTP, bypassing nginx. */
    public static EdgeClient unixSocket(Path socket) {
        if (!VERTX.isNativeTransportEnabled()) {
            throw new IllegalStateException("Unix sockets need netty's native transport",
                    VERTX.unavailableNativeTransportCause());
        }
        return new EdgeClient("localhost", 0, 80, null, socket, null, jar());
    }

    /**
     * The same client (same cookies) connecting from {@code sourceAddress}, e.g. 127.0.0.2 to be
     * outside an allowlist of 127.0.0.1.
     */
    public EdgeClient from(String sourceAddress) {
        return new EdgeClient(host, httpsPort, httpPort, certificate, socket, sourceAddress, cookies);
    }

    /** A client with the same settings and no cookies: another browser. */
    public EdgeClient fresh() {
        return new EdgeClient(host, httpsPort, httpPort, certificate, socket, source, jar());
    }

    public URI https(String path) {
        return URI.create("https://" + host + ":" + httpsPort + path);
    }

    public URI http(String path) {
        return URI.create("http://" + host + ":" + httpPort + path);
    }

    public Reply get(String path) {
        return send(Request.get(path));
    }

    /** Sends the request over HTTPS, or plain HTTP on the Unix socket; a failure to connect is an UncheckedIOException. */
    public Reply send(Request request) {
        return exchange(request, socket == null);
    }

    /** Sends the request to the edge's plain-HTTP port. */
    public Reply sendPlainHttp(Request request) {
        return exchange(request, false);
    }

    /** Logs in and returns the bearer token. */
    public String login(String username, String password) {
        Reply reply = send(Request.login(username, password));
        if (reply.status() != 200) {
            throw new AssertionError("Login of " + username + " failed: " + reply);
        }
        return reply.json().get("token").asText();
    }

    /** True when the app answers its ping. */
    public boolean answers() {
        try {
            return get("/api/ping").status() == 200;
        } catch (RuntimeException | AssertionError e) {
            return false;
        }
    }

    /** A cookie that was set, whatever its path (e.g. the session cookie gatehouse_session). */
    public Optional<HttpCookie> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).findFirst();
    }

    /** The cookie jar, shared with every {@link #from(String)} variant of this client. */
    public CookieManager cookies() {
        return cookies;
    }

    /**
     * One exchange; a GET that gets no answer at all is sent once more on a new connection, with a line
     * in the test output. The client, not the edge, is what stalls then: nginx's log shows the answer
     * it sent in time, and every assertion still holds for the second answer.
     */
    private Reply exchange(Request request, boolean tls) {
        try {
            return exchangeOnce(request, tls);
        } catch (NoAnswer stalled) {
            if (!"GET".equals(request.method())) {
                throw stalled;
            }
            System.out.println("[e2e] " + stalled.getMessage() + "; sending it once more");
            return exchangeOnce(request, tls);
        }
    }

    /** A request that got no answer within {@link #TIMEOUT}. */
    static final class NoAnswer extends AssertionError {
        NoAnswer(String message) {
            super(message);
        }
    }

    private Reply exchangeOnce(Request request, boolean tls) {
        int port = tls ? httpsPort : httpPort;
        SocketAddress server = socket != null ? SocketAddress.domainSocketAddress(socket.toString())
                : SocketAddress.inetSocketAddress(port, "127.0.0.1");
        RequestOptions options = new RequestOptions().setServer(server).setHost(host).setPort(port)
                .setMethod(HttpMethod.valueOf(request.method())).setURI(request.path()).setTimeout(TIMEOUT.toMillis());
        request.headers().forEach(header -> options.addHeader(header.getKey(), header.getValue()));
        URI jarUri = jarUri(tls ? "https" : "http", port, request.path());
        try {
            List<String> jar = cookies.get(jarUri, Map.of()).getOrDefault("Cookie", List.of());
            if (!jar.isEmpty()) {
                options.addHeader("Cookie", String.join("; ", jar));
            }
            Reply reply = client(tls).request(options)
                    .compose(out -> request.body() == null ? out.send() : out.send(Buffer.buffer(request.body())))
                    .compose(in -> in.body().map(body -> reply(in, body)))
                    .toCompletionStage().toCompletableFuture().get(TIMEOUT.toMillis() + 5_000, TimeUnit.MILLISECONDS);
            cookies.put(jarUri, reply.headers());
            return reply;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ExecutionException e) {
            throw new UncheckedIOException(request + " to " + server + " failed",
                    e.getCause() instanceof IOException io ? io : new IOException(e.getCause()));
        } catch (TimeoutException e) {
            throw new NoAnswer(request + " to " + server + " got no answer within " + TIMEOUT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }

    private static Reply reply(HttpClientResponse response, Buffer body) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        response.headers().forEach(header -> headers.computeIfAbsent(header.getKey(), name -> new ArrayList<>()).add(header.getValue()));
        return new Reply(response.statusCode(), headers, body.getBytes());
    }

    private HttpClient client(boolean tls) {
        // One client per stack (its certificate names it), scheme and source: nothing of one stack's
        // connections can outlive it into the next one that happens to get the same port.
        List<String> key = List.of(tls ? "https" : "http", certificate == null ? String.valueOf(socket) : certificate.toString(),
                source == null ? "" : source);
        return CLIENTS.computeIfAbsent(key, k -> {
            HttpClientOptions options = new HttpClientOptions().setKeepAlive(false).setConnectTimeout(10_000);
            if (tls) {
                options.setSsl(true).setVerifyHost(true)
                        .setTrustOptions(new PemTrustOptions().addCertPath(certificate.toString()));
            }
            if (source != null) {
                options.setLocalAddress(source);
            }
            return VERTX.createHttpClient(options, new PoolOptions().setHttp1MaxSize(64));
        });
    }

    /** Where the cookie jar files the request: the path without its query, quoted where it is no valid URI. */
    private URI jarUri(String scheme, int port, String path) {
        try {
            String withoutQuery = path.startsWith("/") ? path.replaceFirst("[?#].*", "") : "/";
            return new URI(scheme, null, host, port, withoutQuery, null, null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(path, e);
        }
    }

    private static CookieManager jar() {
        return new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    }
}
