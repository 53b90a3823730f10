package dev.gatehouse.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.GroupPrincipal;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/** A basic-auth password file for /close/, as an operator makes it with htpasswd. */
public final class Htpasswd {

    private Htpasswd() {
    }

    /**
     * Writes {@code file} with one bcrypt entry, readable by {@code readerGroup} (nginx's workers) and
     * nobody else.
     */
    public static Path create(Path file, String username, String password, String readerGroup) {
        Commands.require(List.of("htpasswd", "-bcB", file.toString(), username, password));
        try {
            GroupPrincipal group = file.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByGroupName(readerGroup);
            Files.getFileAttributeView(file, PosixFileAttributeView.class).setGroup(group);
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r-----"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
