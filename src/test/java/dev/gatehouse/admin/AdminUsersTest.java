package dev.gatehouse.admin;

import static io.restassured.RestAssured.given;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import dev.gatehouse.support.MailResource;
import dev.gatehouse.support.RedisResource;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.support.Wait;
import dev.gatehouse.user.Role;
import dev.gatehouse.user.User;
import dev.gatehouse.user.UserDirectory;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;

/** The account administration API: who may use it, what it shows, and what it refuses to do. */
@QuarkusTest
@WithTestResource(RedisResource.class)
@WithTestResource(MailResource.class) // the same resources as AdminMailTest: one application for both
class AdminUsersTest {

    static final String USERS = "/api/admin/users";
    static final String PASSWORD = "a perfectly fine passphrase";
    static final String OWNER = "olga";
    private static final Duration WITHIN = Duration.ofSeconds(6);
    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    UserDirectory directory;

    @Inject
    RedisDataSource redis;

    static String adminToken() {
        return TestUsers.login(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
    }

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    static Map<String, Object> account(String username, String... roles) {
        Map<String, Object> body = new HashMap<>();
        body.put("username", username);
        body.put("password", PASSWORD);
        body.put("roles", List.of(roles));
        return body;
    }

    static Response create(String token, Map<String, Object> body) {
        return as(token).body(body).post(USERS);
    }

    /** The owner the tests act as, made in the directory: the API cannot make the first one. */
    private String ownerToken() {
        if (directory.find(OWNER).isEmpty()) {
            directory.create(new User(OWNER, Set.of(Role.OWNER), User.Status.ACTIVE, User.Source.ADMIN, Optional.empty(),
                    Optional.empty(), Instant.EPOCH), Optional.of(BcryptUtil.bcryptHash(PASSWORD, 4)));
        }
        return TestUsers.login(OWNER, PASSWORD);
    }

    private static boolean answers(String token, String path, int status) {
        return given().auth().oauth2(token).get(path).statusCode() == status;
    }

    @Test
    void listsAccountsInNameOrderAPageAtATime() {
        String admin = adminToken();
        for (String name : List.of("pager-e", "pager-b", "pager-d", "pager-a", "pager-c")) {
            create(admin, account(name, "viewer")).then().statusCode(201);
        }
        as(admin).get(USERS + "?q=pager&page=1&size=2").then().statusCode(200).contentType("application/json")
                .body("total", equalTo(5)).body("items.username", equalTo(List.of("pager-c", "pager-d")));
        as(admin).get(USERS + "?q=pager&page=2&size=2").then().body("items.username", equalTo(List.of("pager-e")));
        as(admin).get(USERS + "?q=pager&page=3&size=2").then().statusCode(200).body("total", equalTo(5))
                .body("items.size()", equalTo(0));
        as(admin).get(USERS + "?q=pager").then().body("items.size()", equalTo(5));
        as(admin).get(USERS + "?size=100").then().statusCode(200)
                .body("items.username", hasItems(TestUsers.ADMIN, TestUsers.MOD, "pager-a"));
        Response firstPage = as(admin).get(USERS);
        int total = firstPage.path("total");
        assertEquals(Math.min(total, 20), firstPage.<List<?>>path("items").size(), "a default page is 20");
    }

    @Test
    void searchMatchesUsernameAddressOrNameInAnyCase() {
        String admin = adminToken();
        Map<String, Object> frodo = account("hobbit-1", "viewer");
        frodo.put("email", "frodo@shire.example");
        frodo.put("name", "Frodo Baggins");
        create(admin, frodo).then().statusCode(201);
        for (String q : List.of("HOBBIT", "Frodo@SHIRE", "baggins")) {
            as(admin).get(USERS + "?q=" + q).then().statusCode(200).body("total", equalTo(1))
                    .body("items[0].username", equalTo("hobbit-1"));
        }
        as(admin).get(USERS + "?q=nobody-is-called-this").then().body("total", equalTo(0));
    }

    @Test
    void pagingThatIsNotANumberInRangeIsA400Problem() {
        String admin = adminToken();
        for (String query : List.of("size=0", "size=101", "size=ten", "page=-1", "page=1.5", "size=1e2")) {
            as(admin).get(USERS + "?" + query).then().statusCode(400).contentType("application/problem+json")
                    .body("errors[0].rule", equalTo(query.substring(0, query.indexOf('='))));
        }
        as(admin).get(USERS + "?size=100&page=0").then().statusCode(200);
        as(admin).get(USERS + "?size=&page=").then().statusCode(200); // an empty form field is no value
    }

    @Test
    void aNewAccountIsAnsweredWithItsLocationAndCanSignInAtOnce() {
        String admin = adminToken();
        Map<String, Object> body = account("ada", "editor", "viewer");
        body.put("email", "Ada@Engine.example");
        body.put("name", " Ada Lovelace ");
        Response created = create(admin, body);
        created.then().statusCode(201).contentType("application/json")
                .header("Location", equalTo("/api/admin/users/ada"))
                .body("username", equalTo("ada")).body("email", equalTo("ada@engine.example"))
                .body("name", equalTo("Ada Lovelace")).body("roles", equalTo(List.of("editor", "viewer")))
                .body("status", equalTo("active")).body("source", equalTo("admin"))
                .body("created", notNullValue()).body("last_login", nullValue());
        Instant made = Instant.parse(created.path("created"));
        assertTrue(Duration.between(made, Instant.now()).abs().toSeconds() < 60, made.toString());

        String token = TestUsers.login("ada", PASSWORD);
        given().auth().oauth2(token).get("/auth/verify?role=editor").then().statusCode(200);
        String lastLogin = as(admin).get(created.header("Location")).then().statusCode(200)
                .body("created", equalTo(created.path("created"))).extract().path("last_login");
        assertTrue(!Instant.parse(lastLogin).isBefore(made), lastLogin);
    }

    @Test
    void anUnknownAccountIs404() {
        as(adminToken()).get(USERS + "/nobody-here").then().statusCode(404).contentType("application/problem+json");
        as(adminToken()).body(Map.of("name", "x")).patch(USERS + "/nobody-here").then().statusCode(404);
        as(adminToken()).delete(USERS + "/nobody-here").then().statusCode(404);
    }

    @Test
    void aTakenUsernameOrAddressIsAConflict() {
        String admin = adminToken();
        Map<String, Object> first = account("dup-a", "viewer");
        first.put("email", "dup@taken.example");
        create(admin, first).then().statusCode(201);
        create(admin, account("dup-a", "viewer")).then().statusCode(409).contentType("application/problem+json");
        create(admin, account(TestUsers.MOD, "viewer")).then().statusCode(409);
        Map<String, Object> second = account("dup-b", "viewer");
        second.put("email", "DUP@taken.example");
        create(admin, second).then().statusCode(409).body("detail", containsString("address"));
        as(admin).get(USERS + "/dup-b").then().statusCode(404);
        // The declared account keeps its password: a conflict changes nothing.
        TestUsers.login(TestUsers.MOD, TestUsers.MOD_PASSWORD);
    }

    @Test
    void aWeakPasswordIsRefusedNamingEveryRuleItBreaks() {
        String admin = adminToken();
        Map<String, Object> shortOne = account("weakling", "viewer");
        shortOne.put("password", "short");
        create(admin, shortOne).then().statusCode(400).contentType("application/problem+json")
                .body("errors.rule", hasItem("too_short"));
        Map<String, Object> ownName = account("weakling", "viewer");
        ownName.put("password", "weakling and more words");
        create(admin, ownName).then().statusCode(400).body("errors.rule", hasItem("contains_username"));
        as(admin).get(USERS + "/weakling").then().statusCode(404);
    }

    @Test
    void anUnknownRoleIsA400NotDropped() {
        String admin = adminToken();
        create(admin, account("wizard", "viewer", "wizard")).then().statusCode(400).contentType("application/problem+json")
                .body("errors[0].rule", equalTo("roles")).body("errors[0].detail", containsString("wizard"));
        create(admin, account("wizard")).then().statusCode(400).body("errors[0].rule", equalTo("roles"));
        as(admin).get(USERS + "/wizard").then().statusCode(404);
        create(admin, account("wizard", "viewer")).then().statusCode(201);
        as(admin).body(Map.of("roles", List.of("archmage"))).patch(USERS + "/wizard").then().statusCode(400);
        as(admin).get(USERS + "/wizard").then().body("roles", equalTo(List.of("viewer")));
    }

    @Test
    void aMalformedUsernameOrAddressIsA400() {
        String admin = adminToken();
        for (String name : List.of("has space", "a/b", "", "x".repeat(65), "new\nline")) {
            create(admin, account(name, "viewer")).then().statusCode(400).contentType("application/problem+json")
                    .body("errors.rule", hasItem("username"));
        }
        Map<String, Object> badAddress = account("addressless", "viewer");
        badAddress.put("email", "not-an-address");
        create(admin, badAddress).then().statusCode(400).body("errors.rule", hasItem("email"));
        as(admin).body("{\"username\":").post(USERS).then().statusCode(400).contentType("application/problem+json");
        as(admin).body("").post(USERS).then().statusCode(400).contentType("application/problem+json");
    }

    @Test
    void withoutATokenItIs401AndWithOtherRoles403() {
        given().get(USERS).then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", containsString("Bearer"));
        given().contentType(ContentType.JSON).body(account("intruder", "admin")).post(USERS).then().statusCode(401);
        given().delete(USERS + "/" + TestUsers.USER).then().statusCode(401);
        given().auth().oauth2("not.a.token").get(USERS).then().statusCode(401);
        for (String[] other : List.of(new String[] { TestUsers.USER, TestUsers.USER_PASSWORD },
                new String[] { TestUsers.MOD, TestUsers.MOD_PASSWORD })) {
            String token = TestUsers.login(other[0], other[1]);
            as(token).get(USERS).then().statusCode(403).contentType("application/problem+json");
            create(token, account("intruder", "admin")).then().statusCode(403);
            as(token).body(Map.of("roles", List.of("admin"))).patch(USERS + "/" + other[0]).then().statusCode(403);
            as(token).delete(USERS + "/" + TestUsers.USER).then().statusCode(403);
        }
        as(adminToken()).get(USERS + "/intruder").then().statusCode(404);
    }

    @Test
    void anAdministratorsBrowserSessionWorksTooButNotFromAnotherSite() {
        String cookie = TestUsers.session(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        given().cookie(TestUsers.SESSION_COOKIE, cookie).get(USERS).then().statusCode(200);
        given().cookie(TestUsers.SESSION_COOKIE, cookie).contentType(ContentType.JSON)
                .header("Origin", "https://evil.example").header("Sec-Fetch-Site", "cross-site")
                .body(account("planted", "admin")).post(USERS).then().statusCode(403);
        given().cookie(TestUsers.SESSION_COOKIE, cookie).get(USERS + "/planted").then().statusCode(404);
    }

    @Test
    void aRoleChangeReachesATokenIssuedBeforeItWithinSixSeconds() {
        String admin = adminToken();
        create(admin, account("tess", "viewer")).then().statusCode(201);
        String token = TestUsers.login("tess", PASSWORD);
        as(token).get(USERS).then().statusCode(403);

        as(admin).body(Map.of("roles", List.of("admin"))).patch(USERS + "/tess").then().statusCode(200)
                .body("roles", equalTo(List.of("admin")));

        Wait.until(WITHIN, () -> answers(token, USERS, 200));
        given().auth().oauth2(token).get("/auth/verify?role=admin").then().statusCode(200).header("Remote-Groups", "admin");
        given().auth().oauth2(token).get("/auth/verify?role=viewer").then().statusCode(403);
    }

    @Test
    void disablingRefusesSignInAndEndsSessionsAndTokens() {
        String admin = adminToken();
        create(admin, account("dora", "viewer")).then().statusCode(201);
        String cookie = TestUsers.session("dora", PASSWORD);
        String token = TestUsers.login("dora", PASSWORD);

        as(admin).body(Map.of("disabled", true)).patch(USERS + "/dora").then().statusCode(200)
                .body("status", equalTo("disabled"));

        Wait.until(WITHIN, () -> given().cookie(TestUsers.SESSION_COOKIE, cookie).get("/auth/verify?role=*").statusCode() == 401
                && answers(token, "/api/count", 401));
        given().contentType(ContentType.JSON).body(TestUsers.json("dora", PASSWORD)).post("/auth/login").then().statusCode(401);
    }

    @Test
    void enablingAgainDoesNotReviveWhatDisablingEnded() throws InterruptedException {
        String admin = adminToken();
        create(admin, account("lazarus", "viewer")).then().statusCode(201);
        String cookie = TestUsers.session("lazarus", PASSWORD);
        String token = TestUsers.login("lazarus", PASSWORD);
        as(admin).body(Map.of("disabled", true)).patch(USERS + "/lazarus").then().statusCode(200);
        Thread.sleep(1100); // disabling ends everything up to the next whole second: sign in after it

        as(admin).body(Map.of("disabled", false)).patch(USERS + "/lazarus").then().statusCode(200)
                .body("status", equalTo("active"));

        String fresh = TestUsers.login("lazarus", PASSWORD);
        given().auth().oauth2(fresh).get("/api/count").then().statusCode(200);
        given().auth().oauth2(token).get("/api/count").then().statusCode(401);
        given().cookie(TestUsers.SESSION_COOKIE, cookie).get("/auth/verify?role=*").then().statusCode(401);
    }

    @Test
    void removingAnAccountEndsItsTokens() {
        String admin = adminToken();
        create(admin, account("gone", "viewer")).then().statusCode(201);
        String token = TestUsers.login("gone", PASSWORD);

        as(admin).delete(USERS + "/gone").then().statusCode(204);

        as(admin).get(USERS + "/gone").then().statusCode(404);
        Wait.until(WITHIN, () -> answers(token, "/api/count", 401));
        as(admin).delete(USERS + "/gone").then().statusCode(404);
    }

    @Test
    void aRemadeAccountDoesNotInheritTheOldOnesTokens() throws InterruptedException {
        String admin = adminToken();
        create(admin, account("phoenix", "admin")).then().statusCode(201);
        String old = TestUsers.login("phoenix", PASSWORD);
        as(admin).delete(USERS + "/phoenix").then().statusCode(204);
        Thread.sleep(1100); // the new account is valid from its own second on

        create(admin, account("phoenix", "viewer")).then().statusCode(201);

        given().auth().oauth2(old).get("/api/count").then().statusCode(401);
    }

    @Test
    void declaredAccountsCannotBeRemovedOrDemotedThroughTheApi() {
        String admin = adminToken();
        String mod = "/" + TestUsers.MOD;
        as(admin).delete(USERS + mod).then().statusCode(409).contentType("application/problem+json")
                .body("detail", containsString("configuration"));
        as(admin).body(Map.of("roles", List.of("user"))).patch(USERS + mod).then().statusCode(409);
        as(admin).body(Map.of("disabled", true)).patch(USERS + mod).then().statusCode(409);
        as(admin).delete(USERS + "/" + TestUsers.ADMIN).then().statusCode(409);

        as(admin).get(USERS + mod).then().body("roles", equalTo(List.of("mod"))).body("status", equalTo("active"))
                .body("source", equalTo("config"));
        String token = TestUsers.login(TestUsers.MOD, TestUsers.MOD_PASSWORD);
        given().auth().oauth2(token).get("/auth/verify?role=mod").then().statusCode(200);
    }

    @Test
    void theLastActiveOwnerCannotBeRemovedDisabledOrDemoted() {
        String owner = ownerToken();
        // Only olga is an active owner; a disabled owner does not count.
        for (String name : directory.names()) {
            directory.find(name).filter(user -> user.roles().contains(Role.OWNER) && !name.equals(OWNER))
                    .ifPresent(user -> directory.save(user.withRoles(Set.of(Role.VIEWER))));
        }
        directory.create(new User("dormant-owner", Set.of(Role.OWNER), User.Status.DISABLED, User.Source.ADMIN,
                Optional.empty(), Optional.empty(), Instant.EPOCH), Optional.empty());
        String admin = adminToken();

        for (String token : List.of(owner, admin)) {
            as(token).delete(USERS + "/" + OWNER).then().statusCode(409).contentType("application/problem+json")
                    .body("detail", containsString("last active owner"));
            as(token).body(Map.of("disabled", true)).patch(USERS + "/" + OWNER).then().statusCode(409);
            as(token).body(Map.of("roles", List.of("admin"))).patch(USERS + "/" + OWNER).then().statusCode(409);
        }
        as(owner).body(Map.of("roles", List.of("owner", "viewer"))).patch(USERS + "/" + OWNER).then().statusCode(200);

        // With a second owner, either may step down.
        create(owner, account("otto", "owner")).then().statusCode(201);
        as(owner).body(Map.of("roles", List.of("admin"))).patch(USERS + "/otto").then().statusCode(200);
        as(owner).delete(USERS + "/otto").then().statusCode(204);
        as(owner).get(USERS + "/" + OWNER).then().body("roles", equalTo(List.of("owner", "viewer")));
    }

    @Test
    void onlyAnOwnerGivesTheOwnerRole() {
        String admin = adminToken();
        create(admin, account("usurper", "owner")).then().statusCode(403).contentType("application/problem+json");
        as(admin).get(USERS + "/usurper").then().statusCode(404);
        create(admin, account("climber", "admin")).then().statusCode(201);
        as(admin).body(Map.of("roles", List.of("admin", "owner"))).patch(USERS + "/climber").then().statusCode(403);
        // Not even itself.
        as(admin).body(Map.of("roles", List.of("owner"))).patch(USERS + "/" + TestUsers.ADMIN).then().statusCode(403);
        as(admin).get(USERS + "/climber").then().body("roles", equalTo(List.of("admin")));

        String owner = ownerToken();
        as(owner).body(Map.of("roles", List.of("owner"))).patch(USERS + "/climber").then().statusCode(200)
                .body("roles", equalTo(List.of("owner")));
        create(owner, account("heir", "owner")).then().statusCode(201);
    }

    @Test
    void nameChangesAndAnEmptyNameRemovesIt() {
        String admin = adminToken();
        create(admin, account("renamed", "viewer")).then().statusCode(201).body("name", nullValue());
        as(admin).body(Map.of("name", "Rena Med")).patch(USERS + "/renamed").then().statusCode(200)
                .body("name", equalTo("Rena Med"));
        as(admin).body(Map.of("name", "bad\u0007bell")).patch(USERS + "/renamed").then().statusCode(400)
                .body("errors[0].rule", equalTo("name"));
        as(admin).body(Map.of("name", "")).patch(USERS + "/renamed").then().statusCode(200).body("name", nullValue());
    }

    @Test
    void anAccountOlderThanTheRecordOfItsMakingShowsNulls() {
        // As the first release wrote accounts: roles and a hash, nothing else.
        redis.hash(String.class).hset("gatehouse:user:elder", Map.of("roles", "viewer", "password_hash",
                BcryptUtil.bcryptHash(PASSWORD, 4)));
        as(adminToken()).get(USERS + "/elder").then().statusCode(200).body("created", nullValue())
                .body("last_login", nullValue()).body("source", equalTo("config"));
        TestUsers.login("elder", PASSWORD);
        as(adminToken()).get(USERS + "/elder").then().body("created", nullValue()).body("last_login", notNullValue());
    }

    @Test
    void everyChangeIsAuditedNamingWhoMadeIt() throws Exception {
        List<String> lines = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(record.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger.getLogger("gatehouse.audit").addHandler(capture);
        try {
            String admin = adminToken();
            create(admin, account("audited", "viewer")).then().statusCode(201);
            as(admin).body(Map.of("roles", List.of("editor"), "name", "Audie")).patch(USERS + "/audited").then().statusCode(200);
            as(admin).body(Map.of("disabled", true)).patch(USERS + "/audited").then().statusCode(200);
            as(admin).delete(USERS + "/audited").then().statusCode(204);
        } finally {
            Logger.getLogger("gatehouse.audit").removeHandler(capture);
        }
        Map<String, Map<?, ?>> events = new HashMap<>();
        for (String line : lines) {
            Map<?, ?> event = JSON.readValue(line, Map.class);
            if ("audited".equals(event.get("user"))) {
                events.put((String) event.get("event"), event);
            }
        }
        assertEquals(Set.of("USER_CREATED", "USER_UPDATED", "USER_DISABLED", "USER_DELETED"), events.keySet());
        events.values().forEach(event -> assertEquals(TestUsers.ADMIN, event.get("by"), event.toString()));
        assertEquals("roles,name", events.get("USER_UPDATED").get("fields"));
        assertEquals("editor", events.get("USER_UPDATED").get("roles"));
        lines.forEach(line -> assertTrue(!line.contains(PASSWORD), "no password in " + line));
    }

    @Test
    void theApiIsDocumentedWithItsAnswers() {
        JsonPath doc = given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200).extract().jsonPath();
        String users = "paths.'/api/admin/users'";
        String one = "paths.'/api/admin/users/{username}'";
        assertThat(doc.getList(users + ".get.tags"), hasItem("Administration"));
        assertThat(doc.getMap(users + ".get.responses").keySet(), hasItems("200", "400", "401", "403"));
        assertThat(doc.getMap(users + ".post.responses").keySet(), hasItems("201", "400", "401", "403", "409"));
        assertThat(doc.getMap(one + ".patch.responses").keySet(), hasItems("200", "400", "403", "404", "409"));
        assertThat(doc.getMap(one + ".delete.responses").keySet(), hasItems("204", "404", "409"));
        assertThat(doc.getMap(one + ".get.responses").keySet(), hasItems("200", "404"));
        assertThat(doc.getList(users + ".get.parameters.name"), hasItems("q", "page", "size"));
        assertThat(doc.getString(users + ".get.parameters.find { it.name == 'size' }.schema.maximum"), equalTo("100"));
        assertThat(doc.getList(users + ".get.security.collect { it.keySet() }.flatten()"), hasItem("bearer"));
        assertThat(doc.getMap("paths.'/auth/email/verify'.post.responses").keySet(), hasItems("204", "400", "401"));
    }
}
