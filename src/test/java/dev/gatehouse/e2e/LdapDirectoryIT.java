package dev.gatehouse.e2e;

import static dev.gatehouse.e2e.ProblemAssertions.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.gatehouse.support.LdapServer;

/**
 * Password sign-in against a real directory server on a loopback TCP port (UnboundID's, in the test
 * JVM), through nginx to the packaged app, configured the way an operator configures it: the
 * {@code GATEHOUSE_LDAP_*} environment, with the service account's password in a 0600 file. The
 * directory is stopped and started under the running app to play an outage, and people are removed
 * from it to play a leaver.
 */
class LdapDirectoryIT {

    private static final Duration RECHECK = Duration.ofSeconds(2);
    private static final String PASSWORD = "directory-password-1";

    private static LdapServer ldap;
    private static Path secrets;
    private static Stack stack;

    @BeforeAll
    static void startDirectoryAndStack() throws IOException {
        ldap = LdapServer.start();
        ldap.addPerson("ada", PASSWORD, "ada@example.org", "Ada Admin", "admins");
        ldap.addPerson("sam", PASSWORD, "sam@example.org", "Sam Staff", "staff");
        ldap.addPerson("lea", PASSWORD, "lea@example.org", "Lea Leaver", "staff");
        ldap.addPerson("otto", PASSWORD, "otto@example.org", "Otto Outage", "staff");
        secrets = Files.createTempDirectory("gatehouse-e2e-ldap-");
        Path bindPassword = E2e.privateFile(secrets.resolve("ldap-bind-password"), LdapServer.SERVICE_PASSWORD + "\n");
        stack = Stack.builder("LdapDirectoryIT").app(app -> app
                .env("GATEHOUSE_LDAP_URL", ldap.url())
                .env("GATEHOUSE_LDAP_BIND_DN", LdapServer.SERVICE_DN)
                .env("GATEHOUSE_LDAP_BIND_PASSWORD_FILE", bindPassword.toString())
                .env("GATEHOUSE_LDAP_USER_BASE", LdapServer.PEOPLE)
                .env("GATEHOUSE_LDAP_GROUP_BASE", LdapServer.GROUPS)
                .env("GATEHOUSE_LDAP_ROLE_MAP", "cn=admins," + LdapServer.GROUPS + "=admin; staff=mod")
                .env("GATEHOUSE_LDAP_RECHECK", RECHECK.toString())
                .env("GATEHOUSE_LDAP_CONNECT_TIMEOUT", "PT1S")
                .env("GATEHOUSE_LDAP_RESPONSE_TIMEOUT", "PT2S")
                .env("GATEHOUSE_LDAP_RETRY_AFTER", "PT20S"))
                .start();
    }

    @AfterAll
    static void stopAll() {
        try {
            if (stack != null) {
                stack.close();
            }
        } finally {
            if (ldap != null) {
                ldap.close();
            }
            if (secrets != null) {
                E2e.deleteRecursively(secrets);
            }
        }
    }

    @Test
    void directoryPersonGetsTokenWithMappedRoles() {
        EdgeClient client = stack.client();
        String token = client.login("ada", PASSWORD);

        assertEquals(200, client.send(Request.get("/auth/verify?role=admin").bearer(token)).status());
        Reply me = client.send(Request.get("/auth/me").bearer(token));
        assertEquals(200, me.status(), me::toString);
        assertEquals("ada", me.json().get("username").asText());
    }

    @Test
    void directoryPersonGetsBrowserSessionWithMappedRolesOnly() {
        EdgeClient browser = stack.client();
        Reply signIn = browser.send(session("sam", PASSWORD));
        assertEquals(200, signIn.status(), signIn::toString);
        String cookie = Stack.SESSION_COOKIE + "=" + browser.cookie(Stack.SESSION_COOKIE).orElseThrow().getValue();

        EdgeClient other = stack.client();
        assertEquals(200, other.send(Request.get("/auth/verify?role=mod").header("Cookie", cookie)).status(), "staff is mapped to mod");
        assertEquals(403, other.send(Request.get("/auth/verify?role=admin").header("Cookie", cookie)).status(), "and to nothing more");
    }

    @Test
    void localAccountsStillSignInWithDirectoryConfigured() {
        String token = stack.client().login(Stack.ADMIN, Stack.ADMIN_PASSWORD);
        assertEquals(200, stack.client().send(Request.get("/auth/verify?role=admin").bearer(token)).status());
    }

    @Test
    void wrongDirectoryPasswordIsRefused() {
        Reply reply = stack.client().from("127.0.0.11").send(Request.login("ada", "not-the-password"));
        assertProblem(401, reply);
    }

    @Test
    void unknownNameIsRefusedLikeWrongPassword() {
        assertProblem(401, stack.client().from("127.0.0.12").send(Request.login("nobody-here", PASSWORD)));
    }

    @Test
    void attackFilterInjectionInNameMatchesNobody() {
        // Unescaped, (uid=*)(uid=*) would match every entry and bind as the first one found. Each name
        // from an address of its own: failures there must be refusals, not a ban for too many of them.
        String[] names = { "*)(uid=*", "*", "ada)(|(uid=*", "*)(uid=*))(|(uid=*" };
        for (int i = 0; i < names.length; i++) {
            String name = names[i];
            EdgeClient attacker = stack.client().from("127.0.0." + (20 + i));
            Reply token = attacker.send(Request.login(name, PASSWORD));
            assertProblem(401, token);
            assertTrue(token.header("Retry-After").isEmpty(), token::toString);
            Reply session = attacker.send(session(name, PASSWORD));
            assertEquals(401, session.status(), () -> name + ": " + session);
        }
    }

    @Test
    void unreachableDirectoryGives503ToItsPeopleWhileLocalAccountsSignIn() {
        EdgeClient client = stack.client();
        assertEquals(200, client.send(Request.login("otto", PASSWORD)).status(), "signs in while the directory answers");
        ldap.stop();
        try {
            Reply down = client.send(Request.login("otto", PASSWORD));
            assertProblem(503, down);
            assertTrue(down.header("Retry-After").isPresent(), down::toString);
            Reply downSession = client.send(session("otto", PASSWORD));
            assertEquals(503, downSession.status(), downSession::toString);
            assertTrue(downSession.header("Retry-After").isPresent(), downSession::toString);

            assertEquals(200, client.send(Request.login(Stack.MOD, Stack.MOD_PASSWORD)).status(), "local accounts keep working");
        } finally {
            ldap.restart();
        }
        // Back without restarting Gatehouse: the pool reconnects on its own.
        E2e.eventually(Duration.ofSeconds(15), () -> client.send(Request.login("otto", PASSWORD)).status(), status -> status == 200);
    }

    @Test
    void personRemovedFromDirectoryLosesSessionWithinRecheck() {
        EdgeClient browser = stack.client();
        assertEquals(200, browser.send(session("lea", PASSWORD)).status());
        String cookie = Stack.SESSION_COOKIE + "=" + browser.cookie(Stack.SESSION_COOKIE).orElseThrow().getValue();
        String token = stack.client().login("lea", PASSWORD);
        Request bySession = Request.get("/auth/verify?role=mod").header("Cookie", cookie);
        Request byToken = Request.get("/auth/verify?role=mod").bearer(token);
        assertEquals(200, stack.client().send(bySession).status());

        ldap.remove("lea");

        // The recheck runs every half RECHECK; the edge cache may answer for one more second.
        E2e.eventually(RECHECK.plusSeconds(4), () -> stack.client().send(bySession).status(), status -> status == 401);
        assertEquals(401, stack.client().send(byToken).status(), "the token ends with the account");
        assertProblem(401, stack.client().from("127.0.0.13").send(Request.login("lea", PASSWORD)));
        assertEquals(401, stack.client().send(Request.get("/auth/me").header("Cookie", cookie)).status());
    }

    private static Request session(String username, String password) {
        return Request.postJson("/auth/session", Map.of("username", username, "password", password));
    }
}
