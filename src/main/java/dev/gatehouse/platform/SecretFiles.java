package dev.gatehouse.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes secrets so that only the owner can ever read them, even for an instant. */
public final class SecretFiles {

    private SecretFiles() {
    }

    public static void ensurePrivateDirectory(Path dir) {
        try {
            if (!Files.isDirectory(dir)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot create state directory " + dir, e);
        }
    }

    /**
     * The content of {@code target}, creating it (0600) from {@code generate} first when it does not
     * exist. When several processes start at once, the first link wins and all of them read its content,
     * so instances sharing a state directory share the secret.
     */
    public static String readOrCreatePrivate(Path target, java.util.function.Supplier<String> generate) {
        try {
            if (!Files.exists(target)) {
                ensurePrivateDirectory(target.getParent());
                Path tmp = Files.createTempFile(target.getParent(), ".tmp-", ".part",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                try {
                    Files.writeString(tmp, generate.get());
                    Files.createLink(target, tmp);
                } catch (java.nio.file.FileAlreadyExistsException lost) {
                    // another process made it first: use theirs
                } finally {
                    Files.deleteIfExists(tmp);
                }
            }
            return Files.readString(target).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read or create " + target, e);
        }
    }

    /** Creates the file 0600 before any byte is written, then moves it into place atomically. */
    public static void writePrivate(Path target, String content) {
        try {
            Path tmp = Files.createTempFile(target.getParent(), ".tmp-", ".part",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(tmp, content);
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + target, e);
        }
    }
}
