package dev.gatehouse.http;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PathGuardTest {

    @ParameterizedTest(name = "{0}: refused {1}")
    @CsvSource({
            "/q/health/group/..%2F..%2F..%2Fapi/count, true",
            "/q/health/group/..%2f..%2fapi/count, true",
            "/api/%2e%2e/q/dev, true",
            "/api/%2E%2E, true",
            "/auth/./verify, true",
            "/auth/../q/metrics, true",
            "/a/..\\b, true",
            "/api%5ccount, true",
            "/api/count, false",
            "/auth/verify, false",
            "/q/swagger-ui/index.html, false",
            "/files/a..b/c.d, false",
            "/, false",
            "/%20space, false" })
    void refusesPathsWithAnotherMeaningOnceDecoded(String path, boolean refused) {
        assertEquals(refused, PathGuard.ambiguous(path));
    }
}
