package dev.gatehouse.access;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.gatehouse.support.RedisResource;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.support.Wait;
import dev.gatehouse.user.PasswordHasher;
import dev.gatehouse.user.Role;
import dev.gatehouse.user.User;
import dev.gatehouse.user.UserDirectory;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;

@QuarkusTest
@WithTestResource(RedisResource.class)
class AccessTest {

    static final String OWNER = "olive";
    static final String OWNER_PASSWORD = "owner-test-password-1";
    static final Duration PROPAGATES_WITHIN = Duration.ofSeconds(6);

    @Inject
    UserDirectory directory;

    @Inject
    PasswordHasher hasher;

    @BeforeEach
    void anOwnerExists() {
        if (directory.find(OWNER).isEmpty()) {
            directory.save(new User(OWNER, Set.of(Role.OWNER), User.Status.ACTIVE, User.Source.ADMIN, Optional.empty(),
                    Optional.empty(), Instant.EPOCH));
            directory.setPasswordHash(OWNER, hasher.hash(OWNER_PASSWORD));
        }
    }

    private static RequestSpecification as(String username, String password) {
        return given().auth().oauth2(TestUsers.login(username, password)).contentType("application/json");
    }

    private static RequestSpecification admin() {
        return as(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
    }

    private static int verify(String token, String query) {
        return given().auth().oauth2(token).get("/auth/verify?" + query).statusCode();
    }

    @Test
    void aPermissionIsHeldThroughAGlobalRole() {
        String user = TestUsers.login(TestUsers.USER, TestUsers.USER_PASSWORD);
        assertEquals(200, verify(user, "permission=bots:view"));
        assertEquals(403, verify(user, "permission=bots:edit"));
        assertEquals(403, verify(user, "permission=bots:fly"));
        assertEquals(403, verify(user, "permission=%0d%0aX:1"));
        assertEquals(403, verify(user, "role=admin&permission=bots:view"));
        assertEquals(200, verify(user, "role=user&permission=bots:view"));
        given().get("/auth/verify?permission=bots:view").then().statusCode(401);
        given().auth().oauth2(user).get("/auth/verify?permission=bots:view").then().header("Remote-Groups", "user");
    }

    @Test
    void aGrantGivesItsRolesPermissionsOnItsResourceOnly() {
        admin().body(Map.of("name", "Support bot")).put("/api/admin/resources/bot-grant").then().statusCode(201);
        String user = TestUsers.login(TestUsers.USER, TestUsers.USER_PASSWORD);
        assertEquals(403, verify(user, "permission=bots:edit&resource=bot-grant"));
        admin().body(Map.of("role", "editor")).put("/api/admin/resources/bot-grant/grants/" + TestUsers.USER).then()
                .statusCode(201).body("user", equalTo(TestUsers.USER)).body("role", equalTo("editor"))
                .body("granted_by", equalTo(TestUsers.ADMIN)).body("granted_at", not(nullValue()));
        admin().body(Map.of("role", "editor")).put("/api/admin/resources/bot-grant/grants/" + TestUsers.USER).then()
                .statusCode(200);
        Wait.until(PROPAGATES_WITHIN, () -> verify(user, "permission=bots:edit&resource=bot-grant") == 200);
        assertEquals(403, verify(user, "permission=bots:delete&resource=bot-grant"));
        assertEquals(403, verify(user, "permission=bots:edit&resource=another-bot"));
        assertEquals(403, verify(user, "permission=bots:edit"));
        admin().get("/api/admin/resources/bot-grant/grants").then().statusCode(200).body("user", hasItem(TestUsers.USER));
        admin().delete("/api/admin/resources/bot-grant/grants/" + TestUsers.USER).then().statusCode(204);
        Wait.until(PROPAGATES_WITHIN, () -> verify(user, "permission=bots:edit&resource=bot-grant") == 403);
    }

    @Test
    void grantsRefuseUnknownAccountsRolesAndCallers() {
        admin().body(Map.of("name", "Sales bot")).put("/api/admin/resources/bot-refuse").then().statusCode(201);
        admin().body(Map.of("role", "editor")).put("/api/admin/resources/bot-refuse/grants/nobody-here").then().statusCode(404)
                .contentType("application/problem+json");
        admin().body(Map.of("role", "superuser")).put("/api/admin/resources/bot-refuse/grants/" + TestUsers.USER).then()
                .statusCode(400).contentType("application/problem+json");
        admin().body(Map.of("role", "editor")).put("/api/admin/resources/no-such-bot/grants/" + TestUsers.USER).then()
                .statusCode(404);
        admin().body(Map.of("role", "owner")).put("/api/admin/resources/bot-refuse/grants/" + TestUsers.USER).then()
                .statusCode(403);
        as(OWNER, OWNER_PASSWORD).body(Map.of("role", "owner")).put("/api/admin/resources/bot-refuse/grants/" + TestUsers.USER)
                .then().statusCode(201);
        as(TestUsers.USER, TestUsers.USER_PASSWORD).body(Map.of("role", "editor"))
                .put("/api/admin/resources/bot-refuse/grants/" + TestUsers.MOD).then().statusCode(403);
        given().contentType("application/json").body(Map.of("role", "editor"))
                .put("/api/admin/resources/bot-refuse/grants/" + TestUsers.MOD).then().statusCode(401);
        admin().body(Map.of("name", "")).put("/api/admin/resources/bad%20id").then().statusCode(400);
    }

    @Test
    void aDepartmentRoleAppliesToItsResourcesAndItsAdminsManageOnlyIt() {
        admin().body(Map.of("name", "Sales")).put("/api/admin/departments/sales").then().statusCode(201);
        admin().body(Map.of("name", "Sales bot", "department", "sales")).put("/api/admin/resources/bot-sales").then()
                .statusCode(201);
        admin().body(Map.of("name", "Other bot")).put("/api/admin/resources/bot-other").then().statusCode(201);
        admin().body(Map.of("role", "editor")).put("/api/admin/departments/sales/members/" + TestUsers.USER).then()
                .statusCode(201);
        admin().body(Map.of("role", "admin")).put("/api/admin/departments/sales/members/" + TestUsers.MOD).then()
                .statusCode(201);
        String user = TestUsers.login(TestUsers.USER, TestUsers.USER_PASSWORD);
        Wait.until(PROPAGATES_WITHIN, () -> verify(user, "permission=bots:edit&resource=bot-sales") == 200);
        assertEquals(403, verify(user, "permission=bots:edit&resource=bot-other"));

        RequestSpecification departmentAdmin = as(TestUsers.MOD, TestUsers.MOD_PASSWORD);
        departmentAdmin.body(Map.of("role", "viewer")).put("/api/admin/resources/bot-sales/grants/" + TestUsers.EMAIL_USER)
                .then().statusCode(201);
        as(TestUsers.MOD, TestUsers.MOD_PASSWORD).body(Map.of("role", "viewer"))
                .put("/api/admin/resources/bot-other/grants/" + TestUsers.EMAIL_USER).then().statusCode(403);
        as(TestUsers.MOD, TestUsers.MOD_PASSWORD).body(Map.of("name", "Mine")).put("/api/admin/departments/mine").then()
                .statusCode(403);
        as(TestUsers.MOD, TestUsers.MOD_PASSWORD).body(Map.of("role", "owner"))
                .put("/api/admin/departments/sales/members/" + TestUsers.EMAIL_USER).then().statusCode(403);
        as(TestUsers.MOD, TestUsers.MOD_PASSWORD).get("/api/admin/resources").then().statusCode(200)
                .body("id", equalTo(java.util.List.of("bot-sales")));

        given().auth().oauth2(user).get("/auth/me").then().statusCode(200).body("departments.sales", equalTo("editor"))
                .body("permissions", hasItem("bots:view"));
        admin().delete("/api/admin/departments/sales/members/" + TestUsers.USER).then().statusCode(204);
        Wait.until(PROPAGATES_WITHIN, () -> verify(user, "permission=bots:edit&resource=bot-sales") == 403);
    }

    @Test
    void theRoleCatalogIsForThoseWhoMayViewUsers() {
        admin().get("/api/admin/roles").then().statusCode(200).body("role", hasItem("analyst"))
                .body("find { it.role == 'viewer' }.permissions", equalTo(java.util.List.of("bots:view", "analytics:view",
                        "prompts:view", "data:view")));
        as(TestUsers.USER, TestUsers.USER_PASSWORD).get("/api/admin/roles").then().statusCode(403);
        given().get("/api/admin/roles").then().statusCode(401);
    }

    @Test
    void anOwnerGetsAShortTokenThatSaysWhoActsThroughIt() {
        String token = as(OWNER, OWNER_PASSWORD).post("/api/admin/users/" + TestUsers.USER + "/impersonate").then()
                .statusCode(200).body("act.sub", equalTo(OWNER)).extract().path("token");
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
        assertTrue(payload.contains("\"act\":{\"sub\":\"" + OWNER + "\"}"), payload);
        assertTrue(payload.contains("\"sub\":\"" + TestUsers.USER + "\""), payload);
        given().auth().oauth2(token).get("/auth/verify?role=user").then().statusCode(200)
                .header("Remote-User", TestUsers.USER).header("Remote-Actor", OWNER);
        given().auth().oauth2(token).get("/auth/me").then().body("acting_as_by", equalTo(OWNER));
        int lifetime = as(OWNER, OWNER_PASSWORD).post("/api/admin/users/" + TestUsers.USER + "/impersonate").then()
                .extract().path("expires_in");
        assertTrue(lifetime <= 900, "at most 15 minutes: " + lifetime);
    }

    @Test
    void impersonationIsRefusedToNonOwnersForOwnersAndFromAnImpersonation() {
        admin().post("/api/admin/users/" + TestUsers.USER + "/impersonate").then().statusCode(403);
        as(OWNER, OWNER_PASSWORD).post("/api/admin/users/" + OWNER + "/impersonate").then().statusCode(403)
                .contentType("application/problem+json");
        as(OWNER, OWNER_PASSWORD).post("/api/admin/users/nobody-here/impersonate").then().statusCode(404);
        // A token held through an impersonation never starts another one.
        String asAdmin = as(OWNER, OWNER_PASSWORD).post("/api/admin/users/" + TestUsers.ADMIN + "/impersonate").then()
                .statusCode(200).extract().path("token");
        given().auth().oauth2(asAdmin).post("/api/admin/users/" + TestUsers.USER + "/impersonate").then().statusCode(403);
    }
}
