package dev.gatehouse.admin;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.gatehouse.problem.Problem;
import dev.gatehouse.problem.ProblemException;

/**
 * Collects what is wrong with a request, field by field, so that one 400 names every mistake at
 * once: {@code errors} lists each (a field name or a password rule id, and a sentence).
 */
final class Invalid {

    private final List<Problem.Error> errors = new ArrayList<>();

    void add(String rule, String detail) {
        errors.add(new Problem.Error(rule, detail));
    }

    /** Ends the request with every error collected, if there is any. */
    void throwIfAny() {
        if (!errors.isEmpty()) {
            throw problem(errors);
        }
    }

    static ProblemException field(String field, String detail) {
        return problem(List.of(new Problem.Error(field, detail)));
    }

    private static ProblemException problem(List<Problem.Error> errors) {
        String detail = errors.size() == 1 ? errors.getFirst().detail()
                : "The request has " + errors.size() + " problems; see errors.";
        return new ProblemException(Problem.of(400, "Bad Request", detail).withErrors(errors), Map.of());
    }
}
