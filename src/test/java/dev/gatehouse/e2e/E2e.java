package dev.gatehouse.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * Where the end-to-end tests find the packaged app and the checkout, and where they keep their
 * logs. Failsafe sets {@code gatehouse.app.dir} and {@code gatehouse.repo.dir} (see pom.xml).
 */
public final class E2e {

    private E2e() {
    }

    /** The packaged application, {@code target/quarkus-app}. */
    public static Path appDir() {
        Path dir = Path.of(required("gatehouse.app.dir"));
        if (!Files.isRegularFile(dir.resolve("quarkus-run.jar"))) {
            throw new IllegalStateException("No " + dir.resolve("quarkus-run.jar") + ": run `./mvnw package` first");
        }
        return dir;
    }

    /** The project root, where deploy/ lives. */
    public static Path repoDir() {
        return Path.of(required("gatehouse.repo.dir"));
    }

    /** The java launcher of the JDK running the tests, which also runs the app. */
    public static Path java() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** {@code target/e2e/NAME}, emptied: what a run leaves behind for diagnosis. */
    public static Path logDir(String name) {
        Path dir = repoDir().resolve("target").resolve("e2e").resolve(name);
        deleteRecursively(dir);
        try {
            return Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A fresh temporary directory others may traverse (0755): nginx workers (www-data) must reach
     * the socket and the htpasswd file inside it, and a test may run the app as another user.
     */
    public static Path workDir(String name) {
        try {
            Path dir = Files.createTempDirectory("gatehouse-e2e-" + name + "-");
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes {@code content} to a new file only its owner may read (0600), as secrets are kept. */
    public static Path privateFile(Path file, String content) {
        try {
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            return Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Repeats {@code attempt} until its result satisfies {@code done} and returns that result: for
     * what settles by itself (a client reconnecting), where a fixed sleep would be either slow or flaky.
     */
    public static <T> T eventually(Duration limit, Supplier<T> attempt, Predicate<T> done) {
        long deadline = System.nanoTime() + limit.toNanos();
        Object last = null;
        while (System.nanoTime() < deadline) {
            try {
                T result = attempt.get();
                if (done.test(result)) {
                    return result;
                }
                last = result;
            } catch (RuntimeException e) {
                last = e;
            }
            sleep(Duration.ofMillis(100));
        }
        throw new AssertionError("Not done within " + limit + "; last result: " + last);
    }

    public static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted", e);
        }
    }

    public static void deleteRecursively(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try {
            Files.walkFileTree(root, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.delete(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                    Files.delete(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("System property " + property
                    + " is not set: run the end-to-end tests through failsafe (./mvnw verify -Pe2e)");
        }
        return value;
    }
}
