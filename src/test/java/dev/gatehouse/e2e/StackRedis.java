package dev.gatehouse.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.gatehouse.support.FreePort;

/**
 * The stack's Redis, started by {@code deploy/stack redis} as {@code ./gatehouse up} starts it: the
 * shipped configuration with AOF and a password the script generates into
 * {@code RUN/redis-password}. It runs in the foreground as a child of the tests; its output goes to
 * {@code redis.log} in the log directory.
 */
public final class StackRedis implements AutoCloseable {

    private static final Duration START_LIMIT = Duration.ofSeconds(20);
    private static final int PORT_ATTEMPTS = 3;

    private final Path runDir;
    private final Path log;
    private int port;
    private LoggedProcess process;

    private StackRedis(Path runDir, Path log) {
        this.runDir = runDir;
        this.log = log;
    }

    /** Starts Redis on a free port for the stack living in {@code runDir}. */
    public static StackRedis start(Path runDir, Path logDir) {
        StackRedis redis = new StackRedis(runDir, logDir.resolve("redis.log"));
        // A free port can be taken again before Redis binds it; then Redis exits and we pick anew.
        for (int attempt = 1;; attempt++) {
            redis.port = FreePort.next();
            if (redis.launch() || attempt == PORT_ATTEMPTS) {
                break;
            }
        }
        if (!redis.process.alive()) {
            throw new AssertionError("Redis did not start (log " + redis.log + "):\n" + redis.process.tail());
        }
        return redis;
    }

    public int port() {
        return port;
    }

    /** The password deploy/stack generated for this stack. */
    public String password() {
        try {
            return Files.readString(runDir.resolve("redis-password")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code redis://:PASSWORD@127.0.0.1:PORT}, as the stack gives it to Gatehouse. */
    public String url() {
        return "redis://:" + password() + "@127.0.0.1:" + port;
    }

    /** Graceful stop (SIGTERM): Redis writes its append-only file to disk first. */
    public void stop() {
        if (process != null) {
            process.stop();
        }
    }

    /** Stops and starts it again on the same port, with its data. */
    public void restart() {
        stop();
        if (!launch()) {
            throw new AssertionError("Redis did not start again on port " + port + " (log " + log + "):\n" + process.tail());
        }
    }

    @Override
    public void close() {
        stop();
    }

    private boolean launch() {
        Map<String, String> environment = Map.of("GATEHOUSE_RUN_DIR", runDir.toString(), "REDIS_PORT", String.valueOf(port));
        process = LoggedProcess.start(List.of("bash", Stack.script().toString(), "redis"), environment, log);
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (!answers()) {
            if (!process.alive()) {
                return false;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Redis did not answer within " + START_LIMIT + " (log " + log + "):\n" + process.tail());
            }
            E2e.sleep(Duration.ofMillis(50));
        }
        return true;
    }

    /** Answers PING after AUTH with the stack's password: it is this Redis, not some other listener. */
    private boolean answers() {
        if (!Files.exists(runDir.resolve("redis-password"))) {
            return false;
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            socket.setSoTimeout(1000);
            OutputStream out = socket.getOutputStream();
            out.write(("AUTH " + password() + "\r\nPING\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            StringBuilder reply = new StringBuilder();
            int c;
            while (reply.indexOf("+PONG") < 0 && reply.indexOf("-") < 0 && (c = in.read()) >= 0) {
                reply.append((char) c);
            }
            return reply.indexOf("+PONG") >= 0;
        } catch (IOException e) {
            return false;
        }
    }
}
