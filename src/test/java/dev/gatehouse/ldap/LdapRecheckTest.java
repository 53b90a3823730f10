package dev.gatehouse.ldap;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.gatehouse.support.LdapResource;
import dev.gatehouse.support.LdapServer;
import dev.gatehouse.support.RedisResource;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.support.Wait;
import dev.gatehouse.user.UserDirectory;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(RedisResource.class)
@WithTestResource(LdapResource.class)
class LdapRecheckTest {

    /** The re-check period, a sweep's own time, and the account cache of every instance (5 s). */
    private static final Duration WITHIN = LdapResource.RECHECK.plus(Duration.ofSeconds(7));

    @LdapResource.InjectLdap
    LdapServer ldap;

    @Inject
    UserDirectory directory;

    private static int verify(String session, String token, String role) {
        int bySession = given().cookie(TestUsers.SESSION_COOKIE, session).get("/auth/verify?role=" + role).statusCode();
        int byToken = given().auth().oauth2(token).get("/auth/verify?role=" + role).statusCode();
        return bySession == byToken ? bySession : -1;
    }

    @Test
    void removedFromTheDirectoryMeansSessionsAndTokensEndWithinTheRecheck() {
        ldap.addPerson("jack", "jack-ldap-password-1", "jack@example.org", "Jack", "staff");
        String session = TestUsers.session("jack", "jack-ldap-password-1");
        String token = TestUsers.login("jack", "jack-ldap-password-1");
        assertTrue(verify(session, token, "*") == 200);

        ldap.remove("jack");
        Wait.until(WITHIN, () -> verify(session, token, "*") == 401);
        assertTrue(directory.find("jack").isEmpty(), "the account is gone");
    }

    @Test
    void lockedInTheDirectoryMeansSessionsEndWithinTheRecheck() {
        ldap.addPerson("kate", "kate-ldap-password-1", "kate@example.org", "Kate", "admins");
        String session = TestUsers.session("kate", "kate-ldap-password-1");
        String token = TestUsers.login("kate", "kate-ldap-password-1");

        ldap.lock("kate");
        Wait.until(WITHIN, () -> verify(session, token, "*") == 401);
    }

    @Test
    void groupChangesReachLiveSessionsWithinTheRecheck() {
        ldap.addPerson("lena", "lena-ldap-password-1", "lena@example.org", "Lena", "admins");
        String session = TestUsers.session("lena", "lena-ldap-password-1");
        String token = TestUsers.login("lena", "lena-ldap-password-1");
        assertTrue(verify(session, token, "admin") == 200);

        ldap.leave("lena", "admins");
        ldap.join("lena", "staff");
        Wait.until(WITHIN, () -> verify(session, token, "admin") == 403);
        assertTrue(verify(session, token, "viewer") == 200);
    }

    @Test
    void aSignInAfterRemovalAndReturnDoesNotReviveOldSessions() {
        ldap.addPerson("mona", "mona-ldap-password-1", "mona@example.org", "Mona", "staff");
        String old = TestUsers.session("mona", "mona-ldap-password-1");
        ldap.remove("mona");
        Wait.until(WITHIN, () -> directory.find("mona").isEmpty());
        ldap.addPerson("mona", "mona-ldap-password-2", "mona@example.org", "Mona", "staff");
        TestUsers.session("mona", "mona-ldap-password-2");
        given().cookie(TestUsers.SESSION_COOKIE, old).get("/auth/verify?role=*").then().statusCode(401);
    }
}
