package dev.gatehouse.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.security.SecureRandom;

import dev.gatehouse.support.FreePort;

/**
 * Redis made highly available the way the deploy guide describes: a master, a replica of it and
 * three sentinels (quorum 2, a master is down after 1 s, a failover times out after 5 s), all real
 * {@code redis-server} processes on free loopback ports with one password. The servers start from
 * the shipped deploy/redis/gatehouse-redis.conf (AOF), as deploy/stack starts its Redis; the
 * sentinels get config files of their own to rewrite, as Sentinel requires.
 */
final class SentinelSet implements AutoCloseable {

    static final String MASTER_NAME = "gatehouse";
    private static final Duration START_LIMIT = Duration.ofSeconds(30);

    private final Path dir;
    private final Path logDir;
    private final String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(16));
    private final List<LoggedProcess> processes = new ArrayList<>();
    private final List<Integer> sentinelPorts = new ArrayList<>();
    private int masterPort;
    private LoggedProcess master;

    private SentinelSet(Path dir, Path logDir) {
        this.dir = dir;
        this.logDir = logDir;
    }

    static SentinelSet start(Path dir, Path logDir) {
        SentinelSet set = new SentinelSet(dir, logDir);
        set.masterPort = FreePort.next();
        set.master = set.server("master", set.masterPort, null);
        set.server("replica", FreePort.next(), set.masterPort);
        for (int i = 1; i <= 3; i++) {
            set.sentinel("sentinel-" + i, FreePort.next());
        }
        set.awaitTopology();
        return set;
    }

    String password() {
        return password;
    }

    /** {@code 127.0.0.1:PORT,...}: GATEHOUSE_REDIS_SENTINELS. */
    String sentinels() {
        return String.join(",", sentinelPorts.stream().map(port -> "127.0.0.1:" + port).toList());
    }

    int masterPort() {
        return masterPort;
    }

    /** SIGKILL: no shutdown, no last write to disk, as when the master's host dies. */
    void killMaster() {
        ProcessHandle.of(master.pid()).ifPresent(ProcessHandle::destroyForcibly);
        E2e.eventually(Duration.ofSeconds(5), master::alive, alive -> !alive);
    }

    /** The master's port as the sentinels now see it. */
    int currentMasterPort() {
        String[] address = cli(sentinelPorts.getFirst(), "SENTINEL", "get-master-addr-by-name", MASTER_NAME).split("\n");
        return Integer.parseInt(address[1].strip());
    }

    /** redis-cli against one of the servers or sentinels, authenticated; its output. */
    String cli(int port, String... arguments) {
        List<String> command = new ArrayList<>(List.of("redis-cli", "--no-auth-warning", "-h", "127.0.0.1", "-p", String.valueOf(port)));
        command.addAll(List.of(arguments));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("REDISCLI_AUTH", password);
        try {
            Process process = builder.start();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            return new String(output, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    private LoggedProcess server(String name, int port, Integer replicaOf) {
        Path home = directory(name);
        // The shipped file reads its password from /etc; here it comes below, as in deploy/stack.
        List<String> shipped = read(E2e.repoDir().resolve("deploy/redis/gatehouse-redis.conf")).lines()
                .filter(line -> !line.startsWith("include /etc/redis/")).toList();
        write(home.resolve("gatehouse-redis.conf"), String.join("\n", shipped) + "\n");
        String conf = """
                include "%s"
                port %d
                dir "%s"
                requirepass %s
                masterauth %s
                daemonize no
                logfile ""
                """.formatted(home.resolve("gatehouse-redis.conf"), port, home, password, password);
        if (replicaOf != null) {
            conf += "replicaof 127.0.0.1 " + replicaOf + "\n";
        }
        return launch(name, port, List.of("redis-server", write(home.resolve("redis.conf"), conf).toString()));
    }

    private void sentinel(String name, int port) {
        Path home = directory(name);
        String conf = """
                port %d
                bind 127.0.0.1
                dir "%s"
                daemonize no
                logfile ""
                requirepass %s
                sentinel monitor %s 127.0.0.1 %d 2
                sentinel auth-pass %s %s
                sentinel down-after-milliseconds %s 1000
                sentinel failover-timeout %s 5000
                """.formatted(port, home, password, MASTER_NAME, masterPort, MASTER_NAME, password, MASTER_NAME, MASTER_NAME);
        sentinelPorts.add(port);
        launch(name, port, List.of("redis-server", write(home.resolve("sentinel.conf"), conf).toString(), "--sentinel"));
    }

    private LoggedProcess launch(String name, int port, List<String> command) {
        LoggedProcess process = LoggedProcess.start(command, Map.of(), logDir.resolve(name + ".log"));
        processes.add(process);
        E2e.eventually(START_LIMIT, () -> {
            if (!process.alive()) {
                throw new AssertionError(name + " exited:\n" + process.tail());
            }
            return cli(port, "PING");
        }, "PONG"::equals);
        return process;
    }

    /** The replica follows the master, and every sentinel knows the replica and the two other sentinels. */
    private void awaitTopology() {
        E2e.eventually(START_LIMIT, () -> cli(masterPort, "INFO", "replication"), info -> info.contains("connected_slaves:1")
                && info.contains("state=online"));
        for (int port : sentinelPorts) {
            E2e.eventually(START_LIMIT, () -> cli(port, "SENTINEL", "master", MASTER_NAME),
                    info -> field(info, "num-slaves").equals("1") && field(info, "num-other-sentinels").equals("2"));
        }
    }

    private static String field(String flatReply, String name) {
        List<String> lines = flatReply.lines().toList();
        int at = lines.indexOf(name);
        return at >= 0 && at + 1 < lines.size() ? lines.get(at + 1) : "";
    }

    private Path directory(String name) {
        try {
            return Files.createDirectories(dir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path write(Path file, String text) {
        try {
            return Files.writeString(file, text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        for (int i = processes.size() - 1; i >= 0; i--) {
            processes.get(i).stop();
        }
    }
}
