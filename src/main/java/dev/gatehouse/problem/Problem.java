package dev.gatehouse.problem;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * An RFC 9457 problem detail: the body of every error Gatehouse returns. {@code errors}, an extension
 * member, lists what failed when there is more than one thing (e.g. the password rules).
 */
@RegisterForReflection
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<Error> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One failed rule: a stable id and a sentence for people. */
    @RegisterForReflection
    public record Error(String rule, String detail) {
    }

    public static Problem of(int status, String title, String detail) {
        return new Problem("about:blank", title, status, detail, null);
    }

    public Problem withErrors(List<Error> list) {
        return new Problem(type, title, status, detail, List.copyOf(list));
    }
}
