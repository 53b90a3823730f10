package dev.gatehouse.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * A client of the edge (nginx), the way a browser or API client reaches Gatehouse: HTTPS with the
 * stack's certificate, redirects not followed (tests look at them), cookies kept like a browser
 * keeps them. {@link #from(String)} makes the same requests from another loopback source address.
 */
public final class EdgeClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final String host;
    private final int httpsPort;
    private final int httpPort;
    private final SSLContext tls;
    private final CookieManager cookies;
    private final HttpClient http;
    private final InetAddress source;

    EdgeClient(String host, int httpsPort, int httpPort, SSLContext tls) {
        this(host, httpsPort, httpPort, tls, new CookieManager(null, CookiePolicy.ACCEPT_ALL), null);
    }

    private EdgeClient(String host, int httpsPort, int httpPort, SSLContext tls, CookieManager cookies, InetAddress source) {
        this.host = host;
        this.httpsPort = httpsPort;
        this.httpPort = httpPort;
        this.tls = tls;
        this.cookies = cookies;
        this.source = source;
        this.http = HttpClient.newBuilder().sslContext(tls).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(10)).cookieHandler(cookies).build();
    }

    /**
     * The same client (same cookies) connecting from {@code sourceAddress}, e.g. 127.0.0.2 to be
     * outside an allowlist of 127.0.0.1. Speaks HTTP/1.1 over a bound socket (java.net.http cannot
     * choose its source address).
     */
    public EdgeClient from(String sourceAddress) {
        try {
            return new EdgeClient(host, httpsPort, httpPort, tls, cookies, InetAddress.getByName(sourceAddress));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A client with the same settings and no cookies: another browser. */
    public EdgeClient fresh() {
        return new EdgeClient(host, httpsPort, httpPort, tls, new CookieManager(null, CookiePolicy.ACCEPT_ALL), source);
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

    /** Sends the request over HTTPS. */
    public Reply send(Request request) {
        return source == null ? viaHttpClient(https(request.path()), request) : viaBoundSocket(request);
    }

    /** Sends the request to the plain-HTTP port. */
    public Reply sendPlainHttp(Request request) {
        if (source != null) {
            throw new UnsupportedOperationException("Plain HTTP from a chosen source address is not needed yet");
        }
        return viaHttpClient(http(request.path()), request);
    }

    /** Logs in through the edge and returns the bearer token. */
    public String login(String username, String password) {
        Reply reply = send(Request.login(username, password));
        if (reply.status() != 200) {
            throw new AssertionError("Login of " + username + " failed: " + reply);
        }
        return reply.json().get("token").asText();
    }

    /** A cookie the edge set, whatever its path (e.g. the session cookie gatehouse_session). */
    public Optional<HttpCookie> cookie(String name) {
        return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals(name)).findFirst();
    }

    /** The cookie jar, shared with every {@link #from(String)} variant of this client. */
    public CookieManager cookies() {
        return cookies;
    }

    private Reply viaHttpClient(URI uri, Request request) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(uri).timeout(TIMEOUT).method(request.method(),
                request.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(request.body()));
        request.headers().forEach(header -> builder.header(header.getKey(), header.getValue()));
        try {
            HttpResponse<byte[]> response = http.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
            return new Reply(response.statusCode(), response.headers().map(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(request + " to " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }

    private Reply viaBoundSocket(Request request) {
        URI uri = https(request.path());
        Request withCookies = request;
        try {
            for (Map.Entry<String, List<String>> header : cookies.get(uri, Map.of()).entrySet()) {
                for (String value : header.getValue()) {
                    withCookies = withCookies.header(header.getKey(), value);
                }
            }
            try (Socket plain = new Socket()) {
                plain.bind(new InetSocketAddress(source, 0));
                // The address, not the name: "localhost" might resolve to ::1, unreachable from 127.0.0.2.
                plain.connect(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), httpsPort), 10_000);
                plain.setSoTimeout((int) TIMEOUT.toMillis());
                try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket(plain, host, httpsPort, true)) {
                    SSLParameters parameters = socket.getSSLParameters();
                    parameters.setEndpointIdentificationAlgorithm("HTTPS");
                    socket.setSSLParameters(parameters);
                    Reply reply = Http11.exchange(socket.getInputStream(), socket.getOutputStream(), host + ":" + httpsPort, withCookies);
                    cookies.put(uri, reply.headers());
                    return reply;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(request + " from " + source.getHostAddress() + " failed", e);
        }
    }
}
