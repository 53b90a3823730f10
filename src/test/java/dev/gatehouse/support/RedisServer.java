package dev.gatehouse.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A real redis-server on a free loopback port, owned by the test suite. */
public final class RedisServer implements AutoCloseable {

    private final int port;
    private final Path dir;
    private final boolean appendOnly;
    private Process process;

    private RedisServer(int port, Path dir, boolean appendOnly) {
        this.port = port;
        this.dir = dir;
        this.appendOnly = appendOnly;
    }

    public static RedisServer start(boolean appendOnly) {
        try {
            RedisServer server = new RedisServer(FreePort.next(), Files.createTempDirectory("gatehouse-redis"), appendOnly);
            server.startProcess();
            return server;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "redis://127.0.0.1:" + port;
    }

    public synchronized void stop() {
        if (process != null) {
            process.destroy();
            Wait.until(Duration.ofSeconds(10), () -> !process.isAlive());
            process = null;
        }
    }

    public synchronized void restart() {
        stop();
        startProcess();
    }

    private synchronized void startProcess() {
        List<String> command = new ArrayList<>(List.of("redis-server", "--port", String.valueOf(port),
                "--bind", "127.0.0.1", "--dir", dir.toString(), "--save", "", "--daemonize", "no",
                "--appendonly", appendOnly ? "yes" : "no"));
        if (appendOnly) {
            command.addAll(List.of("--appendfsync", "always"));
        }
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("redis.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("redis-server is not installed (./gatehouse test installs it)", e);
        }
        Wait.until(Duration.ofSeconds(10), this::accepts);
    }

    private boolean accepts() {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() {
        stop();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Best effort: a leftover temp directory harms nothing.
        }
    }
}
