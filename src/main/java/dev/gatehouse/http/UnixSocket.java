package dev.gatehouse.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.ObservesAsync;
import jakarta.inject.Singleton;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.vertx.http.DomainSocketServerStart;

/**
 * Makes the socket's directory ready before the server binds, refusing to start with a clear
 * message when it cannot be, and restricts the socket file to the proxy's group once it exists.
 */
@Singleton
public class UnixSocket {

    private static final Logger LOG = Logger.getLogger(UnixSocket.class);

    private final boolean enabled;
    private final Path path;
    private final SocketConfig config;

    public UnixSocket(@ConfigProperty(name = "quarkus.http.domain-socket-enabled", defaultValue = "false") boolean enabled,
            @ConfigProperty(name = "quarkus.http.domain-socket", defaultValue = "/var/run/io.quarkus.app.socket") Path path,
            SocketConfig config) {
        this.enabled = enabled;
        this.path = path.toAbsolutePath();
        this.config = config;
    }

    void prepare(@Observes @Priority(1) StartupEvent event) {
        if (enabled) {
            prepareDirectory();
            removeStaleSocket();
        }
    }

    void restrict(@ObservesAsync DomainSocketServerStart event) {
        try {
            // By path (chmod/chown), not through an open file: a socket cannot be opened.
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString(config.permissions()));
            Optional<String> group = config.group();
            if (group.isPresent()) {
                GroupPrincipal principal = path.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(group.get());
                Files.getFileAttributeView(path, PosixFileAttributeView.class).setGroup(principal);
            }
            PosixFileAttributes attributes = Files.readAttributes(path, PosixFileAttributes.class);
            LOG.infof("Listening on unix:%s (%s, group %s)", path,
                    PosixFilePermissions.toString(attributes.permissions()), attributes.group().getName());
        } catch (IOException | RuntimeException e) {
            // A socket nginx cannot reach, or one too open, is worse than no service at all.
            LOG.errorf("Cannot restrict access to the socket %s (%s); stopping", path, e);
            Quarkus.asyncExit(1);
        }
    }

    private void prepareDirectory() {
        Path dir = path.getParent();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw refuse("The socket directory " + dir + " does not exist and cannot be created ("
                    + e.getClass().getSimpleName() + "). Create it for this user, or under systemd set RuntimeDirectory=.");
        }
        if (!Files.isDirectory(dir) || !Files.isWritable(dir)) {
            throw refuse("The socket directory " + dir + " is not writable by this user. "
                    + "Give it to the Gatehouse user, or under systemd set RuntimeDirectory=.");
        }
    }

    /** Says why on one plain line first; Quarkus then stops with the same message in its stack trace. */
    private static IllegalStateException refuse(String message) {
        LOG.error(message);
        return new IllegalStateException(message);
    }

    private void removeStaleSocket() {
        try {
            if (Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)
                    && !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot remove the stale socket " + path + ": " + e.getMessage(), e);
        }
    }
}
