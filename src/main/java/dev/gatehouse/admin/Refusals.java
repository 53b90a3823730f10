package dev.gatehouse.admin;

import java.util.Map;

import jakarta.ws.rs.core.HttpHeaders;

import dev.gatehouse.code.Requested;
import dev.gatehouse.problem.Problem;
import dev.gatehouse.problem.ProblemException;

/** The problems the account administration answers besides a 400. */
final class Refusals {

    private Refusals() {
    }

    static ProblemException notFound(String username) {
        return new ProblemException(404, "Not Found", "No account is named " + username + ".");
    }

    static ProblemException conflict(String detail) {
        return new ProblemException(409, "Conflict", detail);
    }

    /** A code mail refused by its limits: nothing was changed, and the client may retry after a while. */
    static ProblemException tooManyCodes(Requested outcome) {
        long seconds = outcome.retryAfterSeconds();
        return new ProblemException(Problem.of(429, "Too Many Requests",
                "Too many codes were mailed for this address or from this client; try again in " + seconds + " s."),
                Map.of(HttpHeaders.RETRY_AFTER, String.valueOf(seconds)));
    }
}
