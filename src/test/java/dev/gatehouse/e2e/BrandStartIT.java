package dev.gatehouse.e2e;

import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.gatehouse.support.RedisServer;

/** The packaged app refuses, at start and saying why, a logo the login page must not load. */
class BrandStartIT {

    private static final Duration REFUSAL_LIMIT = Duration.ofSeconds(60);

    private RedisServer redis;
    private Path workDir;
    private Path logDir;
    private GatehouseProcess app;

    @BeforeEach
    void prepare(TestInfo test) {
        redis = RedisServer.start(false);
        workDir = E2e.workDir("brand");
        String name = test.getDisplayName().replaceAll("[^A-Za-z0-9]+", "-").replaceAll("^-|-$", "");
        logDir = E2e.logDir("BrandStartIT/" + name);
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

    @ParameterizedTest
    @ValueSource(strings = { "http://cdn.example.com/logo.png", "javascript:alert(1)", "//cdn.example.com/logo.png" })
    void refusesALogoThatIsNeitherHttpsNorOnThisSite(String logo) {
        app = GatehouseProcess.builder(logDir, workDir.resolve("run/gatehouse.sock")).redis(redis.url())
                .stateDir(workDir.resolve("state")).admin("admin", "brand-operator-passphrase-1")
                .env("GATEHOUSE_BRAND_LOGO_URL", logo).build();

        int exitCode = app.launch().awaitExit(REFUSAL_LIMIT);

        assertNotEquals(0, exitCode);
        assertTrue(app.output().contains("gatehouse.brand.logo-url '" + logo + "' is refused"), app.output());
    }
}
