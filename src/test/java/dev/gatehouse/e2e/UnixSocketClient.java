package dev.gatehouse.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Talks to the app directly on its Unix socket, the way nginx does, bypassing the edge. */
public final class UnixSocketClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final Path socket;

    public UnixSocketClient(Path socket) {
        this.socket = socket;
    }

    public Reply get(String path) {
        return send(Request.get(path));
    }

    /** Sends the request; an I/O failure (nothing listening, say) is an UncheckedIOException. */
    public Reply send(Request request) {
        // Socket channels have no read timeout: bound the whole exchange instead.
        try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
                SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            Future<Reply> reply = executor.submit(() -> {
                channel.connect(UnixDomainSocketAddress.of(socket));
                return Http11.exchange(Channels.newInputStream(channel), Channels.newOutputStream(channel), "localhost", request);
            });
            try {
                return reply.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (TimeoutException e) {
                channel.close();
                throw new AssertionError(request + " on " + socket + " got no answer within " + TIMEOUT);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw new UncheckedIOException(request + " on " + socket + " failed", io);
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }

    /** Logs in on the socket and returns the bearer token. */
    public String login(String username, String password) {
        Reply reply = send(Request.login(username, password));
        if (reply.status() != 200) {
            throw new AssertionError("Login of " + username + " failed: " + reply);
        }
        return reply.json().get("token").asText();
    }

    /** True when the app answers its ping on the socket. */
    public boolean answers() {
        try {
            return get("/api/ping").status() == 200;
        } catch (UncheckedIOException | AssertionError e) {
            return false;
        }
    }
}
