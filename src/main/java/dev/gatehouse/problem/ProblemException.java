package dev.gatehouse.problem;

import java.util.Map;

/** Thrown by services to end a request with a given problem; never carries a stack trace. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;
    private final transient Map<String, String> headers;

    public ProblemException(Problem problem, Map<String, String> headers) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
        this.headers = Map.copyOf(headers);
    }

    public ProblemException(int status, String title, String detail) {
        this(Problem.of(status, title, detail), Map.of());
    }

    /** 400 naming the field at fault and the rule it breaks, e.g. {@code ("email", "must be an address")}. */
    public static ProblemException invalidField(String field, String rule) {
        String detail = field + " " + rule + ".";
        return new ProblemException(Problem.of(400, "Bad Request", detail).withErrors(java.util.List.of(new Problem.Error(field, detail))),
                Map.of());
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(400, "Bad Request", detail);
    }

    public Problem problem() {
        return problem;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
