package dev.gatehouse.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.gatehouse.support.RedisResource;
import dev.gatehouse.support.TestUsers;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@WithTestResource(RedisResource.class)
class VerifyTest {

    @Test
    void apiClientWithoutCredentialsGetsBearerChallengeAndNoLocation() {
        given().get("/auth/verify").then().statusCode(401)
                .header("WWW-Authenticate", startsWith("Bearer")).header("Location", nullValue());
    }

    @Test
    void browserWithoutSessionIsSentToLoginWithOriginalUrl() {
        given().accept("text/html,application/xhtml+xml").header("X-Original-URL", "https://gate.example/analytics/?x=1")
                .get("/auth/verify").then().statusCode(401)
                .header("Location", equalTo("/login?rd=https%3A%2F%2Fgate.example%2Fanalytics%2F%3Fx%3D1"));
    }

    @Test
    void browserOriginalUrlCanComeFromForwardedHeaders() {
        given().accept("text/html").header("X-Forwarded-Proto", "https").header("X-Forwarded-Host", "gate.example")
                .header("X-Forwarded-Uri", "/grafana/").get("/auth/verify").then().statusCode(401)
                .header("Location", equalTo("/login?rd=https%3A%2F%2Fgate.example%2Fgrafana%2F"));
    }

    @Test
    void adminBearerTokenPassesWithIdentityHeaders() {
        given().auth().oauth2(TestUsers.login(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD)).get("/auth/verify").then()
                .statusCode(200).header("Remote-User", TestUsers.ADMIN).header("Remote-Groups", "admin")
                .header("Remote-Email", nullValue());
    }

    @Test
    void moderatorPassesTheDefaultRoles() {
        given().auth().oauth2(TestUsers.login(TestUsers.MOD, TestUsers.MOD_PASSWORD)).get("/auth/verify").then()
                .statusCode(200).header("Remote-Groups", "mod");
    }

    @Test
    void regularUserIsForbiddenByDefault() {
        given().auth().oauth2(TestUsers.login(TestUsers.USER, TestUsers.USER_PASSWORD)).get("/auth/verify").then()
                .statusCode(403).contentType("application/problem+json");
    }

    @Test
    void requiredRolesAreAnyOf() {
        String user = TestUsers.login(TestUsers.USER, TestUsers.USER_PASSWORD);
        given().auth().oauth2(user).get("/auth/verify?role=admin,user").then().statusCode(200);
        given().auth().oauth2(user).get("/auth/verify?role=admin").then().statusCode(403);
    }

    @Test
    void starAdmitsAnyoneSignedIn() {
        given().auth().oauth2(TestUsers.login(TestUsers.USER, TestUsers.USER_PASSWORD)).get("/auth/verify?role=*").then()
                .statusCode(200).header("Remote-User", TestUsers.USER).header("Remote-Groups", "user");
        given().get("/auth/verify?role=*").then().statusCode(401);
    }

    @Test
    void starAmongRolesIsNotAWildcard() {
        given().auth().oauth2(TestUsers.login(TestUsers.USER, TestUsers.USER_PASSWORD)).get("/auth/verify?role=admin,*")
                .then().statusCode(403);
    }

    @Test
    void emailUsernameIsSentAsRemoteEmail() {
        given().auth().oauth2(TestUsers.login(TestUsers.EMAIL_USER, TestUsers.EMAIL_USER_PASSWORD)).get("/auth/verify")
                .then().statusCode(200).header("Remote-Email", TestUsers.EMAIL_USER);
    }

    @Test
    void sessionCookiePasses() {
        given().cookie(TestUsers.SESSION_COOKIE, TestUsers.session(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD))
                .get("/auth/verify").then().statusCode(200).header("Remote-User", TestUsers.ADMIN);
    }

    @Test
    void invalidBearerTokenDoesNotFallBackToTheCookie() {
        given().cookie(TestUsers.SESSION_COOKIE, TestUsers.session(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD))
                .header("Authorization", "Bearer forged.token.value").get("/auth/verify").then().statusCode(401);
    }

    @ParameterizedTest
    @ValueSource(strings = { "POST", "PUT", "DELETE", "PATCH", "HEAD", "OPTIONS" })
    void answersEveryMethodLikeGet(String method) {
        given().request(method, "/auth/verify").then().statusCode(401);
    }

    static Stream<Arguments> hostileRequests() {
        return Stream.of(
                Arguments.of("Authorization", "Bearer"),
                Arguments.of("Authorization", "Bearer "),
                Arguments.of("Authorization", "Bearer a.b.c"),
                Arguments.of("Authorization", "Bearer " + "x".repeat(6000)),
                Arguments.of("Authorization", "Basic dXNlcjpwYXNz"),
                Arguments.of("Authorization", "bearer eyJhbGciOiJub25lIn0.eyJzdWIiOiJhZG1pbiJ9."),
                Arguments.of("Cookie", TestUsers.SESSION_COOKIE + "="),
                Arguments.of("Cookie", TestUsers.SESSION_COOKIE + "=" + "A".repeat(43)),
                Arguments.of("Cookie", TestUsers.SESSION_COOKIE + "=../../etc/passwd"),
                Arguments.of("Cookie", TestUsers.SESSION_COOKIE + "=\"quoted\"; other=1"),
                Arguments.of("Cookie", "=;;==;gatehouse_session"),
                Arguments.of("X-Original-URL", "javascript:alert(1)"),
                Arguments.of("X-Original-URL", "\u00ff\u00fe"),
                Arguments.of("X-Forwarded-For", "not-an-ip, also not"));
    }

    @ParameterizedTest
    @MethodSource("hostileRequests")
    void answersOnly200Or401Or403WhateverTheHeaders(String header, String value) {
        RequestSpecification request = given().header(header, value).accept("text/html");
        request.get("/auth/verify?role=admin,%00,,").then().statusCode(anyOf(is(200), is(401), is(403)));
    }
}
