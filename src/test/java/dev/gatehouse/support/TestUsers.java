package dev.gatehouse.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;

/** The accounts the test application declares, and a way to log in as them. */
public final class TestUsers {

    public static final String SESSION_COOKIE = "__Host-gatehouse_session";
    public static final String ADMIN = "root-admin";
    public static final String ADMIN_PASSWORD = "admin-test-password-1";
    public static final String MOD = "mia";
    public static final String MOD_PASSWORD = "mod-test-password-1";
    public static final String USER = "uma";
    public static final String USER_PASSWORD = "user-test-password-1";
    public static final String EMAIL_USER = "ops@example.com";
    public static final String EMAIL_USER_PASSWORD = "email-test-password-1";

    private TestUsers() {
    }

    public static String tempStateDir() {
        try {
            // Not created yet: Gatehouse must create it itself, privately.
            return Files.createTempDirectory("gatehouse").resolve("state").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static String json(String username, String password) {
        return "{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}";
    }

    /** Logs in through the real endpoint and returns the bearer token. */
    public static String login(String username, String password) {
        return RestAssured.given().contentType(ContentType.JSON).body(json(username, password))
                .post("/auth/login").then().statusCode(200).extract().path("token");
    }

    /** Signs a browser in through {@code POST /auth/session} and returns the session cookie's value. */
    public static String session(String username, String password) {
        return RestAssured.given().contentType(ContentType.JSON).body(json(username, password))
                .post("/auth/session").then().statusCode(200).extract().cookie(TestUsers.SESSION_COOKIE);
    }
}
