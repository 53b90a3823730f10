package dev.gatehouse.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

/** The shipped systemd units pass systemd's own checks (deploy/systemd/verify). */
class SystemdUnitsIT {

    @Test
    void shippedUnitsPassSystemdVerify() {
        Path verify = E2e.repoDir().resolve("deploy/systemd/verify");
        assumeTrue(Files.isRegularFile(verify), "deploy/systemd/verify does not exist yet: nothing to check");

        Commands.Result result = Commands.run(Duration.ofMinutes(2), List.of("bash", verify.toString()));

        assertEquals(0, result.exitCode(), result.output());
    }
}
