package dev.gatehouse.user;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.gatehouse.support.RedisResource;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.support.Wait;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** A change to an account reaches its live sessions and bearer tokens within 6 s (here: at once, by broadcast). */
@QuarkusTest
@WithTestResource(RedisResource.class)
class AccountChangesTest {

    private static final Duration WITHIN = Duration.ofSeconds(6);
    private static final String PASSWORD = "a perfectly fine passphrase";

    @Inject
    UserDirectory directory;

    @Inject
    UserBootstrap bootstrap;

    private void create(String name, Set<Role> roles, User.Source source) {
        directory.setPasswordHash(name, BcryptUtil.bcryptHash(PASSWORD, 4));
        directory.save(new User(name, roles, User.Status.ACTIVE, source, Optional.empty(), Optional.empty(), Instant.EPOCH));
    }

    private static boolean verifies(String cookie, String token, String role, int status) {
        return given().cookie(TestUsers.SESSION_COOKIE, cookie).get("/auth/verify?role=" + role).statusCode() == status
                && given().auth().oauth2(token).get("/auth/verify?role=" + role).statusCode() == status;
    }

    @Test
    void aRoleChangeAppliesToLiveSessionsAndTokens() {
        create("rolf", Set.of(Role.USER), User.Source.ADMIN);
        String cookie = TestUsers.session("rolf", PASSWORD);
        String token = TestUsers.login("rolf", PASSWORD);
        Wait.until(WITHIN, () -> verifies(cookie, token, "admin", 403));

        directory.save(directory.find("rolf").orElseThrow().withRoles(Set.of(Role.ADMIN)));

        Wait.until(WITHIN, () -> verifies(cookie, token, "admin", 200));
        given().auth().oauth2(token).get("/auth/verify?role=admin").then().header("Remote-Groups", equalTo("admin"));
    }

    @Test
    void aNewPasswordEndsEarlierSessionsAndTokens() {
        create("pia", Set.of(Role.USER), User.Source.ADMIN);
        String cookie = TestUsers.session("pia", PASSWORD);
        String token = TestUsers.login("pia", PASSWORD);

        directory.setPasswordHash("pia", BcryptUtil.bcryptHash("another fine passphrase", 4));
        directory.save(directory.find("pia").orElseThrow().withValidAfter(Instant.now().plusSeconds(1)));

        Wait.until(WITHIN, () -> verifies(cookie, token, "user", 401));
        given().auth().oauth2(token).get("/api/count").then().statusCode(401);
    }

    @Test
    void disablingEndsSessionsAndTokensAndRefusesLogins() {
        create("dina", Set.of(Role.USER), User.Source.ADMIN);
        String cookie = TestUsers.session("dina", PASSWORD);
        String token = TestUsers.login("dina", PASSWORD);

        directory.save(directory.find("dina").orElseThrow().withStatus(User.Status.DISABLED));

        Wait.until(WITHIN, () -> verifies(cookie, token, "user", 401));
        given().contentType("application/json").body(TestUsers.json("dina", PASSWORD)).post("/auth/login").then().statusCode(401);
    }

    @Test
    void anAccountTheConfigurationNoLongerDeclaresIsRemovedWithItsSessions() {
        create("ghost", Set.of(Role.ADMIN), User.Source.CONFIG);
        create("signed-up", Set.of(Role.USER), User.Source.SIGNUP);
        String cookie = TestUsers.session("ghost", PASSWORD);
        String token = TestUsers.login("ghost", PASSWORD);

        bootstrap.apply();

        Wait.until(WITHIN, () -> verifies(cookie, token, "admin", 401));
        given().contentType("application/json").body(TestUsers.json("ghost", PASSWORD)).post("/auth/login").then().statusCode(401);
        TestUsers.login("signed-up", PASSWORD);
        TestUsers.login(TestUsers.MOD, TestUsers.MOD_PASSWORD);
    }
}
