package dev.gatehouse.authn;

import dev.gatehouse.problem.ProblemException;

/**
 * A login form: what a person types, and the CAPTCHA widget's answer when the {@code login} flow
 * requires one.
 */
public record Credentials(String username, String password, String captcha) {

    public Credentials(String username, String password) {
        this(username, password, null);
    }

    static final int MAX_USERNAME_LENGTH = 256;
    static final int MAX_PASSWORD_LENGTH = 1024;

    /** Rejects a missing body or blank fields with a 400 that names the field. */
    public static Credentials require(Credentials body) {
        if (body == null) {
            throw ProblemException.badRequest("A JSON body with username and password is required.");
        }
        requireText("username", body.username());
        requireText("password", body.password());
        if (body.username().length() > MAX_USERNAME_LENGTH) {
            throw ProblemException.badRequest("username is longer than " + MAX_USERNAME_LENGTH + " characters.");
        }
        if (body.password().length() > MAX_PASSWORD_LENGTH) {
            throw ProblemException.badRequest("password is longer than " + MAX_PASSWORD_LENGTH + " characters.");
        }
        return body;
    }

    private static void requireText(String field, String value) {
        if (value == null || value.isBlank()) {
            throw ProblemException.badRequest(field + " is required.");
        }
    }

    @Override
    public String toString() {
        return "Credentials[" + username + "]";
    }
}
