package dev.gatehouse.otp;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.gatehouse.user.Role;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * The allowlist as the file says now. The file is read once a second (a small file: cheaper and
 * surer than inotify, which misses editors that replace the file and network filesystems); when its
 * bytes change it is parsed again, and the accounts made from it follow (see {@link AllowlistAccounts}).
 * A missing or unreadable file admits nobody until it is back.
 */
@Singleton
public class AllowlistFile {

    static final long CHECK_EVERY_MS = 1000;
    private static final Logger LOG = Logger.getLogger(AllowlistFile.class);

    private final OtpConfig config;
    private final AllowlistAccounts accounts;
    private final Vertx vertx;
    private final Set<Role> defaultRoles;
    private volatile Allowlist current = Allowlist.EMPTY;
    private volatile byte[] lastRead;
    private volatile boolean accountsBehind = true;
    private volatile long timer = -1;

    public AllowlistFile(OtpConfig config, AllowlistAccounts accounts, Vertx vertx) {
        this.config = config;
        this.accounts = accounts;
        this.vertx = vertx;
        this.defaultRoles = Role.parse(config.defaultRole()).map(Set::of).orElseThrow(() -> new IllegalStateException(
                "gatehouse.otp.default-role: unknown role '" + config.defaultRole() + "'"));
        config.allowlistFile().ifPresent(this::reload);
    }

    void start(@Observes StartupEvent event) {
        config.allowlistFile().ifPresent(file -> timer = vertx.setPeriodic(CHECK_EVERY_MS,
                id -> vertx.executeBlocking(() -> {
                    reload(file);
                    return null;
                }, false)));
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    public Allowlist current() {
        return current;
    }

    /** Reads the file; parses and applies it when it changed. Public for tests that cannot wait a second. */
    public synchronized void reload(Path file) {
        byte[] bytes = read(file);
        if (!Arrays.equals(bytes, lastRead)) {
            lastRead = bytes;
            current = parse(file, bytes);
            accountsBehind = true;
        }
        if (accountsBehind) {
            accountsBehind = !accounts.follow(current);
        }
    }

    private Allowlist parse(Path file, byte[] bytes) {
        List<String> lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
        Allowlist list = Allowlist.parse(lines, defaultRoles);
        list.problems().forEach(problem -> LOG.warnf("%s line %d skipped: %s", file, problem.line(), problem.reason()));
        LOG.infof("Allowlist %s: %d entries", file, list.size());
        return list;
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            LOG.debugf("Allowlist %s is missing: it admits nobody", file);
            return new byte[0];
        } catch (IOException e) {
            LOG.debugf("Allowlist %s is unreadable (%s): it admits nobody", file, e.getMessage());
            return new byte[0];
        }
    }
}
