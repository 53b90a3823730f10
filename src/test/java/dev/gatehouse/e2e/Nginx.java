package dev.gatehouse.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import dev.gatehouse.support.FreePort;

/**
 * nginx running the shipped configuration on free ports, started by {@code deploy/stack nginx} as
 * {@code ./gatehouse up} starts it: rendered by {@code deploy/nginx/render} into {@code OUTDIR}, with
 * the stack's certificate, password file and locations directory. It runs in the foreground as a
 * child of the tests, so it cannot outlive them; its logs are under {@code OUTDIR/logs}.
 */
public final class Nginx implements AutoCloseable {

    private static final Duration START_LIMIT = Duration.ofSeconds(60);
    private static final int PORT_ATTEMPTS = 3;

    private final Path outDir;
    private final Map<String, String> settings;
    private final Consumer<Path> edit;
    private int httpsPort;
    private int httpPort;
    private int analyticsPort;
    private LoggedProcess process;

    private Nginx(Path outDir, Map<String, String> settings, Consumer<Path> edit) {
        this.outDir = outDir;
        this.settings = settings;
        this.edit = edit;
    }

    /** Renders into {@code outDir}; everything else comes from the builder. */
    public static Builder builder(Path outDir) {
        return new Builder(outDir);
    }

    public static final class Builder {

        private final Path outDir;
        private final Map<String, String> settings = new LinkedHashMap<>();
        private Consumer<Path> edit = dir -> {
        };

        private Builder(Path outDir) {
            this.outDir = outDir;
            settings.put("NGINX_DIR", outDir.toString());
            settings.put("SERVER_NAME", "localhost");
        }

        /**
         * The stack's directory: the certificate ({@code tls/}, made when missing) and the password
         * file ({@code close.htpasswd}) default to files in it.
         */
        public Builder runDir(Path dir) {
            return set("GATEHOUSE_RUN_DIR", dir.toString());
        }

        public Builder socket(Path socket) {
            return set("GATEHOUSE_SOCKET", socket.toString());
        }

        public Builder certificate(TlsFiles files) {
            set("TLS_CERT", files.certificate().toString());
            return set("TLS_KEY", files.key().toString());
        }

        public Builder closeHtpasswd(Path file) {
            return set("CLOSE_HTPASSWD", file.toString());
        }

        /** Addresses allowed to reach /close/, comma-separated (render's default: 127.0.0.1,::1). */
        public Builder closeAllow(String addresses) {
            return set("CLOSE_ALLOW", addresses);
        }

        /**
         * HTTPS on this port rather than a free one picked at start: for a peer that must know the
         * address beforehand, as an identity provider knows its registered redirect URIs.
         */
        public Builder httpsPort(int port) {
            return set("HTTPS_PORT", String.valueOf(port));
        }

        /** Any other setting deploy/stack or deploy/nginx/render reads from the environment. */
        public Builder set(String name, String value) {
            settings.put(name, value);
            return this;
        }

        /**
         * Prepares nginx's directory before deploy/stack renders and starts it, as an operator would: for
         * example a location of one's own in {@code locations.d/}, which rendering leaves alone.
         */
        public Builder beforeStart(Consumer<Path> edit) {
            this.edit = edit;
            return this;
        }

        public Nginx start() {
            Nginx nginx = new Nginx(outDir, Map.copyOf(settings), edit);
            nginx.start();
            return nginx;
        }
    }

    /** The certificate and key nginx serves, made by {@code deploy/nginx/make-cert}. */
    public record TlsFiles(Path certificate, Path key) {

        public static TlsFiles make(String hostname, Path dir) {
            Commands.require(List.of(script("make-cert").toString(), hostname, dir.toString()));
            return new TlsFiles(dir.resolve("fullchain.pem"), dir.resolve("privkey.pem"));
        }
    }

    public int httpsPort() {
        return httpsPort;
    }

    public int httpPort() {
        return httpPort;
    }

    public int analyticsPort() {
        return analyticsPort;
    }

    /** The certificate and key nginx serves: as set, or the stack's own in {@code RUN/tls}. */
    public TlsFiles tls() {
        if (settings.containsKey("TLS_CERT")) {
            return new TlsFiles(Path.of(settings.get("TLS_CERT")), Path.of(settings.get("TLS_KEY")));
        }
        Path dir = Path.of(settings.get("GATEHOUSE_RUN_DIR")).resolve("tls");
        return new TlsFiles(dir.resolve("fullchain.pem"), dir.resolve("privkey.pem"));
    }

    public Path outDir() {
        return outDir;
    }

    public Path logs() {
        return outDir.resolve("logs");
    }

    private void start() {
        try {
            Files.createDirectories(outDir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        edit.accept(outDir);
        // A free port can be taken again before nginx binds it; then nginx exits and we pick anew.
        for (int attempt = 1;; attempt++) {
            httpsPort = settings.containsKey("HTTPS_PORT") ? Integer.parseInt(settings.get("HTTPS_PORT")) : FreePort.next();
            httpPort = FreePort.next();
            analyticsPort = FreePort.next();
            Map<String, String> environment = new LinkedHashMap<>(settings);
            environment.put("HTTPS_PORT", String.valueOf(httpsPort));
            environment.put("HTTP_PORT", String.valueOf(httpPort));
            environment.put("ANALYTICS_PORT", String.valueOf(analyticsPort));
            process = LoggedProcess.start(List.of("bash", Stack.script().toString(), "nginx"), environment,
                    outDir.resolve("nginx.out"));
            if (awaitListening() || attempt == PORT_ATTEMPTS) {
                break;
            }
        }
        if (!process.alive()) {
            throw new AssertionError("nginx did not start (" + outDir + "):\n" + process.tail() + "\n" + errorLog());
        }
        if (process.output().contains("render: warning")) {
            // A warning means a route will fail per request (unreadable htpasswd, closed directory).
            throw new AssertionError("deploy/nginx/render warned:\n" + process.output());
        }
    }

    private boolean awaitListening() {
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        // nginx writes its pid file only once it holds its ports: before that, whatever answers on
        // them is someone else.
        while (!(ownsPidFile() && accepts(httpsPort) && accepts(httpPort))) {
            if (!process.alive()) {
                return false;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("nginx is not listening after " + START_LIMIT + ":\n" + errorLog());
            }
            E2e.sleep(Duration.ofMillis(50));
        }
        return true;
    }

    private boolean ownsPidFile() {
        try {
            Path pidFile = outDir.resolve("nginx.pid");
            return Files.exists(pidFile) && Files.readString(pidFile).trim().equals(String.valueOf(process.pid()));
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private String errorLog() {
        try {
            Path log = logs().resolve("error.log");
            return Files.exists(log) ? new String(Files.readAllBytes(log), StandardCharsets.UTF_8) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> command(String... more) {
        List<String> command = new ArrayList<>(List.of("nginx", "-p", outDir.toString(), "-c",
                outDir.resolve("nginx.conf").toString(), "-e", logs().resolve("error.log").toString()));
        command.addAll(List.of(more));
        return command;
    }

    private static Path script(String name) {
        return E2e.repoDir().resolve("deploy").resolve("nginx").resolve(name);
    }

    /** Graceful stop ({@code nginx -s quit}): workers finish what they are serving. */
    public void stop() {
        if (process == null || !process.alive()) {
            return;
        }
        Commands.run(Duration.ofSeconds(30), command("-s", "quit"));
        process.awaitExit(Duration.ofSeconds(30));
    }

    @Override
    public void close() {
        try {
            stop();
        } finally {
            if (process != null) {
                process.stop();
            }
            forgetVerifyCache();
        }
    }

    /** The edge cache's files name credentials in their keys; render put them on a tmpfs (deploy/stack stop does the same). */
    private void forgetVerifyCache() {
        try {
            Path recorded = outDir.resolve("verify-cache.path");
            if (Files.exists(recorded)) {
                Path dir = Path.of(Files.readString(recorded).trim());
                if (dir.startsWith("/dev/shm") && dir.getFileName().toString().startsWith("gatehouse-verify-")) {
                    E2e.deleteRecursively(dir);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
