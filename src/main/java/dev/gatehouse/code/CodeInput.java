package dev.gatehouse.code;

import java.util.Map;
import java.util.regex.Pattern;

import dev.gatehouse.problem.Problem;
import dev.gatehouse.problem.ProblemException;
import dev.gatehouse.user.EmailAddress;

/** The checks and answers every endpoint that takes codes shares: addresses, codes, limits, all as 400/401/429 problems. */
public final class CodeInput {

    public static final String INVALID_CODE = "Invalid or expired code.";
    private static final Pattern CODE = Pattern.compile("[0-9]{6}");

    private CodeInput() {
    }

    /** The canonical address, or a 400 naming {@code field}. */
    public static String address(String field, String email) {
        return EmailAddress.parse(email).orElseThrow(() -> invalid(field, "must be " + EmailAddress.RULE));
    }

    /** The six digits, or a 400. */
    public static String code(String code) {
        String digits = code == null ? "" : code.strip();
        if (!CODE.matcher(digits).matches()) {
            throw invalid("code", "must be the 6 digits from the mail");
        }
        return digits;
    }

    public static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw invalid(field, "is required");
        }
        return value;
    }

    public static ProblemException invalid(String field, String rule) {
        return ProblemException.invalidField(field, rule);
    }

    /** 429 with Retry-After when a code request hit a limit. */
    public static void requireAccepted(Requested requested) {
        if (!requested.accepted()) {
            long seconds = requested.retryAfterSeconds();
            throw new ProblemException(Problem.of(429, "Too Many Requests", "Too many codes were asked for; try again in "
                    + seconds + " s."), Map.of("Retry-After", String.valueOf(seconds)));
        }
    }

    public static ProblemException wrongCode() {
        return new ProblemException(401, "Unauthorized", INVALID_CODE);
    }
}
