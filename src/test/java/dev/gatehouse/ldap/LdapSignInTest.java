package dev.gatehouse.ldap;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.gatehouse.support.AuditCapture;
import dev.gatehouse.support.LdapResource;
import dev.gatehouse.support.LdapServer;
import dev.gatehouse.support.RedisResource;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.user.Role;
import dev.gatehouse.user.User;
import dev.gatehouse.user.UserDirectory;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;

@QuarkusTest
@WithTestResource(RedisResource.class)
@WithTestResource(LdapResource.class)
class LdapSignInTest {

    /** RedisResource's gatehouse.login.failure-min-duration: every refusal takes at least this. */
    private static final Duration PADDING = Duration.ofMillis(250);

    @LdapResource.InjectLdap
    LdapServer ldap;

    @Inject
    UserDirectory directory;

    @Inject
    DirectoryPasswords directoryPasswords;

    private final AuditCapture audit = new AuditCapture();

    @BeforeEach
    void listen() {
        audit.start();
    }

    @AfterEach
    void stopListening() {
        audit.stop();
    }

    private static Response post(String path, String username, String password) {
        return given().contentType("application/json").body(Map.of("username", username, "password", password)).post(path);
    }

    @Test
    void aDirectoryUserGetsATokenWithTheRolesOfTheirGroups() {
        ldap.addPerson("dana", "dana-ldap-password-1", "Dana@Example.org", "Dana Directory", "admins", "staff");
        String token = TestUsers.login("dana", "dana-ldap-password-1");
        given().auth().oauth2(token).get("/auth/verify?role=admin").then().statusCode(200)
                .header("Remote-User", "dana").header("Remote-Groups", "admin,viewer");
    }

    @Test
    void aDirectoryUserSignsInABrowserSessionAndGetsAnSsoAccountMadeJustInTime() {
        ldap.addPerson("dora", "dora-ldap-password-1", "Dora@Example.org", "Dora Directory", "staff");
        String session = given().contentType("application/json").body(TestUsers.json("Dora", "dora-ldap-password-1"))
                .post("/auth/session").then().statusCode(200).body("username", equalTo("dora"))
                .body("roles", contains("viewer")).extract().cookie(TestUsers.SESSION_COOKIE);
        given().cookie(TestUsers.SESSION_COOKIE, session).get("/auth/verify?role=viewer").then().statusCode(200)
                .header("Remote-User", "dora");

        User account = directory.find("dora").orElseThrow();
        assertEquals(User.Source.SSO, account.source());
        assertEquals(Optional.of(DirectoryAccounts.ORIGIN), account.origin());
        assertEquals(Optional.of("dora@example.org"), account.email());
        assertEquals(Optional.of("Dora Directory"), account.displayName());
        assertTrue(directory.passwordHash("dora").isEmpty(), "the password stays in the directory");
        assertTrue(audit.has("SSO_ACCOUNT_CREATED", "\"user\":\"dora\"", "\"origin\":\"ldap\""), audit.lines().toString());
        String admin = TestUsers.login(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        given().auth().oauth2(admin).get("/api/admin/users/dora").then().statusCode(200).body("source", equalTo("sso"));
    }

    @Test
    void aUserInNoMappedGroupGetsTheDefaultRole() {
        ldap.addPerson("gina", "gina-ldap-password-1", "gina@example.org", "Gina", "outsiders");
        given().auth().oauth2(TestUsers.login("gina", "gina-ldap-password-1")).get("/auth/verify?role=*").then().statusCode(200)
                .header("Remote-Groups", "user");
    }

    @Test
    void aWrongPasswordAndAnUnknownNameGetTheSameAnswerAfterTheSamePadding() {
        ldap.addPerson("wren", "wren-ldap-password-1", "wren@example.org", "Wren", "staff");
        long started = System.nanoTime();
        String wrong = post("/auth/login", "wren", "not-her-password").then().statusCode(401)
                .contentType("application/problem+json").extract().asString();
        long wrongNanos = System.nanoTime() - started;
        started = System.nanoTime();
        String unknown = post("/auth/login", "nobody-in-any-directory", "not-her-password").then().statusCode(401)
                .contentType("application/problem+json").extract().asString();
        long unknownNanos = System.nanoTime() - started;
        assertEquals(wrong, unknown);
        assertTrue(wrongNanos >= PADDING.toNanos() && unknownNanos >= PADDING.toNanos(), "both padded");
        assertTrue(directory.find("wren").isEmpty(), "no account for a failed sign-in");
    }

    @Test
    void aLocalAccountWinsOverADirectoryEntryOfTheSameName() {
        // uma is declared locally (role user); the directory has another uma, an admin.
        ldap.addPerson(TestUsers.USER, "uma-directory-password-1", "uma@example.org", "Directory Uma", "admins");
        post("/auth/login", TestUsers.USER, "uma-directory-password-1").then().statusCode(401);
        post("/auth/session", TestUsers.USER, "uma-directory-password-1").then().statusCode(401);
        given().auth().oauth2(TestUsers.login(TestUsers.USER, TestUsers.USER_PASSWORD)).get("/auth/verify?role=*").then()
                .statusCode(200).header("Remote-Groups", "user");
        assertEquals(User.Source.CONFIG, directory.find(TestUsers.USER).orElseThrow().source());
        assertFalse(ldap.binds().contains(LdapServer.dnOf(TestUsers.USER)), "the directory was never asked");
    }

    @Test
    void filterInjectionInTheNameSignsNobodyIn() {
        ldap.addPerson("ivan", "ivan-ldap-password-1", "ivan@example.org", "Ivan", "admins");
        List<String> attacks = List.of(
                "*", // wildcard: any user
                "iv*", // prefix wildcard
                "*)(uid=*))(|(uid=*", // closes the filter and ORs in everyone
                "ivan)(|(uid=*", // keeps the name, widens the rest
                "ivan)(objectClass=*", // adds an always-true term
                "*)(|(objectClass=*)", // another always-true term
                "ivan\\00", // a NUL cut-off, escaped
                "\\2a"); // an escape typed by the attacker
        for (String name : attacks) {
            post("/auth/login", name, "ivan-ldap-password-1").then().statusCode(401).contentType("application/problem+json");
            post("/auth/session", name, "ivan-ldap-password-1").then().statusCode(401);
        }
        assertFalse(ldap.binds().contains(LdapServer.dnOf("ivan")), "no injected name reached a bind as ivan");
        post("/auth/login", "ivan", "ivan-ldap-password-1").then().statusCode(200);
    }

    @Test
    void anEmptyOrBlankPasswordIsRefusedBeforeAnyBind() {
        ldap.addPerson("erin", "erin-ldap-password-1", "erin@example.org", "Erin", "staff");
        post("/auth/login", "erin", "").then().statusCode(400).contentType("application/problem+json");
        post("/auth/session", "erin", "   ").then().statusCode(400).contentType("application/problem+json");
        // Below the endpoints too: an empty simple bind would be anonymous, and succeed.
        assertTrue(directoryPasswords.verify("erin", "").isEmpty());
        assertTrue(directoryPasswords.verify("erin", " \t").isEmpty());
        assertTrue(directoryPasswords.verify("erin", null).isEmpty());
        assertFalse(ldap.binds().contains(LdapServer.dnOf("erin")), "never a bind as erin");
    }

    @Test
    void aLockedEntryCannotSignIn() {
        ldap.addPerson("hank", "hank-ldap-password-1", "hank@example.org", "Hank", "staff");
        ldap.lock("hank");
        post("/auth/login", "hank", "hank-ldap-password-1").then().statusCode(401);
    }

    @Test
    void emailNameAndRolesFollowTheDirectoryAtTheNextSignIn() {
        ldap.addPerson("finn", "finn-ldap-password-1", "finn@example.org", "Finn", "staff");
        String session = TestUsers.session("finn", "finn-ldap-password-1");
        given().cookie(TestUsers.SESSION_COOKIE, session).get("/auth/verify?role=*").then().header("Remote-Groups", "viewer");

        ldap.leave("finn", "staff");
        ldap.join("finn", "admins");
        TestUsers.login("finn", "finn-ldap-password-1");
        assertEquals(List.of("admin"), Role.ids(directory.find("finn").orElseThrow().roles()));
        // The earlier session follows the account: its roles are the current ones.
        given().cookie(TestUsers.SESSION_COOKIE, session).get("/auth/verify?role=admin").then().statusCode(200)
                .header("Remote-Groups", "admin");
    }

    @Test
    void anAccountOfAnotherKindIsNotTakenOver() {
        String admin = TestUsers.login(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        directory.create(new User("olga", java.util.Set.of(Role.VIEWER), User.Status.ACTIVE, User.Source.ADMIN,
                Optional.empty(), Optional.empty(), java.time.Instant.EPOCH), Optional.empty());
        ldap.addPerson("olga", "olga-ldap-password-1", "olga@example.org", "Olga", "admins");
        post("/auth/login", "olga", "olga-ldap-password-1").then().statusCode(401);
        given().auth().oauth2(admin).get("/api/admin/users/olga").then().statusCode(200).body("source", equalTo("admin"))
                .body("roles", contains("viewer"));
    }

    @Test
    void aDirectoryAccountsPasswordIsNotChangedHereSoNoLocalPasswordOutlivesTheDirectory() {
        ldap.addPerson("paul", "paul-ldap-password-1", "paul@example.org", "Paul", "staff");
        String session = TestUsers.session("paul", "paul-ldap-password-1");
        given().contentType("application/json").cookie(TestUsers.SESSION_COOKIE, session)
                .body(Map.of("current_password", "paul-ldap-password-1", "new_password", "a local passphrase to keep"))
                .post("/auth/password/change").then().statusCode(409).contentType("application/problem+json");
        assertTrue(directory.passwordHash("paul").isEmpty());
    }
}
