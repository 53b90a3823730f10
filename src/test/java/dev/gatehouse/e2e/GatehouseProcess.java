package dev.gatehouse.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import dev.gatehouse.support.FreePort;

/**
 * The packaged app ({@code quarkus-run.jar}) as a real process on its Unix socket, started by
 * {@code deploy/stack app} as {@code ./gatehouse up} starts it, and configured the way an operator
 * configures it: through environment variables. Each start logs to its own file
 * ({@code gatehouse-1.log}, {@code gatehouse-2.log}, ...) so a test can tell what each start printed.
 */
public final class GatehouseProcess implements AutoCloseable {

    /** Bcrypt cost 4: the tests log in often, and cost is not what they check. */
    private static final String TEST_BCRYPT_COST = "4";
    private static final Duration START_LIMIT = Duration.ofSeconds(90);

    private final Path logDir;
    private final Path socket;
    private final String socketGroup;
    private final Map<String, String> environment;
    private final List<String> commandPrefix;
    private LoggedProcess process;
    private int starts;

    private GatehouseProcess(Builder builder) {
        this.logDir = builder.logDir;
        this.socket = builder.socket;
        this.socketGroup = builder.socketGroup;
        this.environment = Map.copyOf(builder.environment);
        this.commandPrefix = List.copyOf(builder.commandPrefix);
    }

    /** Logs go to {@code logDir}; the socket is {@code socket}. */
    public static Builder builder(Path logDir, Path socket) {
        return new Builder(logDir, socket);
    }

    public static final class Builder {

        private final Path logDir;
        private final Path socket;
        private String socketGroup;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final List<String> commandPrefix = new ArrayList<>();

        private Builder(Path logDir, Path socket) {
            this.logDir = logDir;
            this.socket = socket;
            // deploy/stack's settings: the socket only (no TCP port), this JDK and this build.
            environment.put("GATEHOUSE_SOCKET", socket.toString());
            environment.put("APP_PORT", "off");
            // Each process its own management port: instances of one test run side by side.
            environment.put("MANAGEMENT_PORT", String.valueOf(FreePort.next()));
            environment.put("GATEHOUSE_JAVA_HOME", System.getProperty("java.home"));
            environment.put("GATEHOUSE_APP_DIR", E2e.appDir().toString());
            // No group for the socket unless asked for (deploy/stack would pick nginx's as root).
            environment.put("GATEHOUSE_SOCKET_GROUP", "");
            environment.put("GATEHOUSE_PASSWORD_BCRYPT_COST", TEST_BCRYPT_COST);
            // The management interface (metrics) on a port of its own: never the shared default 9000.
            environment.put("QUARKUS_MANAGEMENT_PORT", String.valueOf(FreePort.next()));
        }

        /** A Redis of the test's own, by URL. */
        public Builder redis(String url) {
            environment.remove("GATEHOUSE_RUN_DIR");
            environment.remove("REDIS_PORT");
            return env("GATEHOUSE_REDIS_URL", url);
        }

        /** The Redis of the stack in {@code runDir}: deploy/stack gives the app its URL, with the password. */
        public Builder redis(StackRedis redis, Path runDir) {
            environment.remove("GATEHOUSE_REDIS_URL");
            env("GATEHOUSE_RUN_DIR", runDir.toString());
            return env("REDIS_PORT", String.valueOf(redis.port()));
        }

        public Builder stateDir(Path dir) {
            return env("GATEHOUSE_STATE_DIR", dir.toString());
        }

        /** The group the socket file is given (nginx's workers' group in production). */
        public Builder socketGroup(String group) {
            this.socketGroup = group;
            return env("GATEHOUSE_SOCKET_GROUP", group);
        }

        /** The administrator; a null password lets the app generate one. */
        public Builder admin(String username, String password) {
            env("API_ADMIN_USER", username);
            if (password == null) {
                environment.remove("API_ADMIN_PASS");
                return this;
            }
            return env("API_ADMIN_PASS", password);
        }

        /** {@code name:password[:role],...} */
        public Builder extraUsers(String users) {
            return env("API_EXTRA_USERS", users);
        }

        public Builder env(String name, String value) {
            environment.put(name, Objects.requireNonNull(value, name));
            return this;
        }

        /** Runs the app as user and group {@code id} (e.g. 65534, nobody) with no supplementary groups. */
        public Builder runAs(int id) {
            commandPrefix.clear();
            commandPrefix.addAll(List.of("setpriv", "--reuid=" + id, "--regid=" + id, "--clear-groups"));
            return this;
        }

        public GatehouseProcess build() {
            return new GatehouseProcess(this);
        }
    }

    public Path socket() {
        return socket;
    }

    /** The management interface's port on 127.0.0.1 (QUARKUS_MANAGEMENT_PORT). */
    public int managementPort() {
        return Integer.parseInt(environment.get("QUARKUS_MANAGEMENT_PORT"));
    }

    /** The Prometheus text at {@code http://127.0.0.1:PORT/q/metrics}, as a scraper reads it. */
    public String metrics() {
        return management("/q/metrics");
    }

    /** The body of a 200 answer of the management interface at {@code path}. */
    public String management(String path) {
        URI uri = URI.create("http://127.0.0.1:" + managementPort() + path);
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new AssertionError(uri + " answered " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One sample of {@link #metrics()}: {@code name{labels}} (labels as exported, or empty); 0 when absent. */
    public double metric(String name, String labels) {
        String series = labels.isEmpty() ? name : name + "{" + labels + "}";
        return metrics().lines().filter(line -> line.startsWith(series + " ")).findFirst()
                .map(line -> Double.parseDouble(line.substring(series.length() + 1).trim())).orElse(0.0);
    }

    /** A client of the app's socket, bypassing nginx. */
    public EdgeClient direct() {
        return EdgeClient.unixSocket(socket);
    }

    /** Starts the app and waits until it answers on its socket, with the socket's access set. */
    public GatehouseProcess start() {
        launch();
        awaitReady();
        return this;
    }

    /** Starts the app without waiting for it, for tests of a start that must fail. */
    public GatehouseProcess launch() {
        if (process != null && process.alive()) {
            throw new IllegalStateException("Gatehouse is already running");
        }
        List<String> command = new ArrayList<>(commandPrefix);
        command.addAll(List.of("bash", Stack.script().toString(), "app"));
        process = LoggedProcess.start(command, environment, logDir.resolve("gatehouse-" + ++starts + ".log"));
        return this;
    }

    private void awaitReady() {
        EdgeClient direct = direct();
        long deadline = System.nanoTime() + START_LIMIT.toNanos();
        while (!(direct.answers() && socketAccessSet())) {
            if (!process.alive()) {
                throw new AssertionError("Gatehouse exited while starting (log " + process.log() + "):\n" + process.tail());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Gatehouse did not answer on " + socket + " within " + START_LIMIT
                        + " (log " + process.log() + "):\n" + process.tail());
            }
            E2e.sleep(Duration.ofMillis(100));
        }
    }

    // The app restricts the socket just after it starts listening; until then nginx may be refused.
    private boolean socketAccessSet() {
        if (socketGroup == null) {
            return true;
        }
        try {
            return Files.readAttributes(socket, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS).group().getName()
                    .equals(socketGroup);
        } catch (IOException e) {
            return false;
        }
    }

    /** Waits for the app to end by itself (a refused start) and returns its exit code. */
    public int awaitExit(Duration limit) {
        return process.awaitExit(limit);
    }

    /** What the current (or last) start printed on stdout and stderr. */
    public String output() {
        return process == null ? "" : process.output();
    }

    public Path log() {
        return process.log();
    }

    public boolean running() {
        return process != null && process.alive();
    }

    /** Stops the app gracefully (SIGTERM), as systemd does. */
    public void stop() {
        if (process != null) {
            process.stop();
        }
    }

    public GatehouseProcess restart() {
        stop();
        return start();
    }

    @Override
    public void close() {
        stop();
    }
}
