package dev.gatehouse.e2e;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;

/** Assertions on RFC 9457 problem answers, whoever wrote them: the app or nginx. */
public final class ProblemAssertions {

    public static final String MEDIA_TYPE = "application/problem+json";

    private ProblemAssertions() {
    }

    public static void assertProblem(int status, Reply reply) {
        assertEquals(status, reply.status(), () -> "status of " + reply);
        assertEquals(MEDIA_TYPE, reply.mediaType(), () -> "media type of " + reply);
        JsonNode problem = reply.json();
        assertAll(
                () -> assertEquals(status, problem.path("status").asInt(), "status member"),
                () -> assertFalse(problem.path("title").asText().isBlank(), "title member"),
                () -> assertFalse(problem.path("detail").asText().isBlank(), "detail member"));
    }
}
