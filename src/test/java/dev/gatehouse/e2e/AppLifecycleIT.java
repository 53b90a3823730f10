package dev.gatehouse.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import dev.gatehouse.support.RedisServer;

/**
 * The packaged app as an operator runs it: started, restarted and refused, with its state on disk.
 * Each test has its own Redis, state directory and socket; no nginx.
 */
class AppLifecycleIT {

    private static final String ADMIN = "admin";
    private static final String ADMIN_PASSWORD = "lifecycle-operator-passphrase-1";
    private static final String BANNER = "Generated a password for the administrator";
    private static final int NOBODY = 65534;
    private static final Duration REFUSAL_LIMIT = Duration.ofSeconds(60);

    private RedisServer redis;
    private Path workDir;
    private Path logDir;
    private GatehouseProcess app;

    @BeforeEach
    void prepare(TestInfo test) {
        redis = RedisServer.start(false);
        workDir = E2e.workDir("lifecycle");
        logDir = E2e.logDir("AppLifecycleIT/" + test.getTestMethod().orElseThrow().getName());
    }

    @AfterEach
    void cleanUp() {
        try {
            if (app != null) {
                app.close();
            }
        } finally {
            redis.close();
            E2e.deleteRecursively(workDir);
        }
    }

    @Test
    void tokenIssuedBeforeRestartStillVerifiesAfterIt() {
        app = appOnSocket(workDir.resolve("run/gatehouse.sock")).admin(ADMIN, ADMIN_PASSWORD).build().start();
        String token = app.direct().login(ADMIN, ADMIN_PASSWORD);

        app.restart();

        assertEquals(200, app.direct().send(Request.get("/api/count").bearer(token)).status());
    }

    @Test
    void generatedAdminPasswordGoesToAPrivateFileNeverToTheLog() throws IOException {
        app = appOnSocket(workDir.resolve("run/gatehouse.sock")).admin(ADMIN, null).build().start();

        String output = app.output();
        String password = generatedPassword();
        assertEquals(1, occurrences(output, BANNER), output);
        assertTrue(output.contains(workDir.resolve("state/admin-password").toString()), "the log names the file");
        assertFalse(output.contains(password), "the password itself never reaches the log");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(workDir.resolve("state/admin-password"))));
        assertEquals(200, app.direct().send(Request.login(ADMIN, password)).status());
    }

    @Test
    void generatedAdminPasswordIsNotMadeAgainAfterRestart() {
        app = appOnSocket(workDir.resolve("run/gatehouse.sock")).admin(ADMIN, null).build().start();
        String password = generatedPassword();

        app.restart();

        String output = app.output();
        assertFalse(output.contains(BANNER), output);
        assertFalse(output.contains(password), "the password must not appear anywhere after the first start");
        // The first password is still the administrator's: nothing was regenerated behind the scenes.
        assertEquals(200, app.direct().send(Request.login(ADMIN, password)).status());
    }

    @Test
    void signingKeyFileIsPrivateToItsOwner() throws IOException {
        app = appOnSocket(workDir.resolve("run/gatehouse.sock")).admin(ADMIN, ADMIN_PASSWORD).build().start();

        Path key = workDir.resolve("state/signing-key.pem");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(key)));
    }

    @Test
    void refusesToStartWhenSocketDirectoryCannotBeCreated() throws IOException {
        // A regular file where a parent directory should be: no user could create the directory.
        Files.writeString(workDir.resolve("not-a-directory"), "");
        app = appOnSocket(workDir.resolve("not-a-directory/run/gatehouse.sock")).admin(ADMIN, ADMIN_PASSWORD).build();

        int exitCode = app.launch().awaitExit(REFUSAL_LIMIT);

        assertNotEquals(0, exitCode);
        assertTrue(app.output().contains("socket directory"), app.output());
    }

    @Test
    void refusesToStartWhenSocketDirectoryIsNotWritable() throws IOException {
        // Root-owned 0755: it exists, but the app runs as nobody. Nobody owns its state directory, so
        // the socket directory is the only thing wrong.
        Path socketDir = Files.createDirectories(workDir.resolve("run"));
        Files.setPosixFilePermissions(socketDir, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path stateDir = ownedByNobody(Files.createDirectories(workDir.resolve("state")));
        app = appOnSocket(socketDir.resolve("gatehouse.sock")).stateDir(stateDir).admin(ADMIN, ADMIN_PASSWORD)
                .runAs(NOBODY).build();

        int exitCode = app.launch().awaitExit(REFUSAL_LIMIT);

        assertNotEquals(0, exitCode);
        assertTrue(app.output().contains("socket directory"), app.output());
    }

    private GatehouseProcess.Builder appOnSocket(Path socket) {
        return GatehouseProcess.builder(logDir, socket).redis(redis.url()).stateDir(workDir.resolve("state"));
    }

    /** The generated password, from its file in the state directory. */
    private String generatedPassword() {
        try {
            return Files.readString(workDir.resolve("state/admin-password")).strip();
        } catch (IOException e) {
            throw new AssertionError("No generated password file", e);
        }
    }

    private static int occurrences(String text, String part) {
        int count = 0;
        for (int at = text.indexOf(part); at >= 0; at = text.indexOf(part, at + part.length())) {
            count++;
        }
        return count;
    }

    private static Path ownedByNobody(Path dir) throws IOException {
        UserPrincipalLookupService users = dir.getFileSystem().getUserPrincipalLookupService();
        Files.setOwner(dir, users.lookupPrincipalByName("nobody"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
        return dir;
    }
}
