package dev.gatehouse.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersFileTest {

    private static final String SOURCE = "/etc/gatehouse/users.yml";
    private static final String PREFIX = "GATEHOUSE_USERS_FILE " + SOURCE + ": ";
    private static final String HASH = "$2y$12$" + "R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW";
    private static final String SECRET = "S3cret-Value-9";

    @TempDir
    Path dir;

    private static List<DeclaredAccount> parse(String yaml) {
        return UsersFile.parse(yaml, SOURCE);
    }

    /** Asserts the exact message after the prefix, and that it never shows the secret or the hash. */
    private static void refused(String yaml, String problem) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(yaml));
        assertEquals(PREFIX + problem, e.getMessage());
        assertSecretFree(e);
    }

    /** Asserts the message starts as given and shows no secret. */
    private static String refusedStartingWith(String yaml, String start) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> parse(yaml));
        assertTrue(e.getMessage().startsWith(PREFIX + start), e.getMessage());
        assertSecretFree(e);
        return e.getMessage();
    }

    private static void assertSecretFree(IllegalArgumentException e) {
        assertFalse(e.getMessage().contains("S3cret"), e.getMessage());
        assertFalse(e.getMessage().contains("R9h/cIPz0gi"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertEquals(null, e.getCause());
    }

    // Reading what is valid

    @Test
    void readsTheDocumentedExample() {
        List<DeclaredAccount> accounts = parse("""
                users:
                  alice:
                    password: "plain text, may contain , and :"
                    roles: [admin, mod]
                    email: alice@example.com
                    displayname: "Alice A."
                    disabled: false
                  bob:
                    password_hash: "%s"
                    roles: user
                    disabled: true
                """.formatted(HASH));
        assertEquals(List.of(
                new DeclaredAccount("alice", Optional.of("plain text, may contain , and :"), Optional.empty(),
                        List.of("admin", "mod"), Optional.of("alice@example.com"), Optional.of("Alice A."), false),
                new DeclaredAccount("bob", Optional.empty(), Optional.of(HASH), List.of("user"), Optional.empty(),
                        Optional.empty(), true)), accounts);
    }

    @Test
    void keepsTheOrderOfTheFile() {
        List<DeclaredAccount> accounts = parse("""
                users:
                  zoe: {password: "%1$s"}
                  adam: {password: "%1$s"}
                  mia: {password: "%1$s"}
                """.formatted(SECRET));
        assertEquals(List.of("zoe", "adam", "mia"), accounts.stream().map(DeclaredAccount::username).toList());
    }

    @Test
    void optionalFieldsHaveDefaults() {
        DeclaredAccount account = parse("users:\n  carl:\n    password: \"" + SECRET + "\"\n").get(0);
        assertEquals(List.of(), account.roles());
        assertEquals(Optional.empty(), account.email());
        assertEquals(Optional.empty(), account.displayName());
        assertFalse(account.disabled());
        assertEquals(Optional.empty(), account.passwordHash());
    }

    @Test
    void valuesAreTheTextAsWrittenNotYamlTypes() {
        List<DeclaredAccount> accounts = parse("""
                users:
                  a1: {password: 0123456789012}
                  a2: {password: yes}
                  a3: {password: 1_000_000_000_000}
                  a4: {password: 2001-12-14}
                  a5: {password: 12:30:45}
                  a6: {password: .inf}
                  a7:
                    password: plain text with spaces and a:colon
                  a8: {password: "  padded  "}
                  '123': {password: x}
                  true: {password: x}
                """);
        assertEquals(List.of("0123456789012", "yes", "1_000_000_000_000", "2001-12-14", "12:30:45", ".inf",
                "plain text with spaces and a:colon", "  padded  ", "x", "x"),
                accounts.stream().map(a -> a.password().orElseThrow()).toList());
        assertEquals("123", accounts.get(8).username());
        assertEquals("true", accounts.get(9).username());
    }

    @Test
    void passwordsMayHoldAnyUnicodeAndEscapes() {
        DeclaredAccount account = parse("users:\n  dora:\n    password: \"p\u00e4ss\\tw\u00f6rd \uD83D\uDD11 \\\"q\\\"\"\n").get(0);
        assertEquals("p\u00e4ss\tw\u00f6rd \uD83D\uDD11 \"q\"", account.password().orElseThrow());
    }

    @Test
    void blockScalarsAndAliasesWork() {
        List<DeclaredAccount> accounts = parse("""
                users:
                  ed:
                    password: |-
                      multi line
                      secret
                    roles: &staff [mod, user]
                  flo:
                    password: 'single ''quoted'''
                    roles: *staff
                """);
        assertEquals("multi line\nsecret", accounts.get(0).password().orElseThrow());
        assertEquals("single 'quoted'", accounts.get(1).password().orElseThrow());
        assertEquals(List.of("mod", "user"), accounts.get(1).roles());
    }

    @Test
    void rolesAreLowerCasedTrimmedAndDeduplicated() {
        assertEquals(List.of("admin", "mod"), parse("users:\n  gil: {password: x, roles: [Admin, ' MOD ', admin]}\n")
                .get(0).roles());
        assertEquals(List.of("viewer"), parse("users:\n  gil: {password: x, roles: VIEWER}\n").get(0).roles());
        assertEquals(List.of(), parse("users:\n  gil: {password: x, roles: []}\n").get(0).roles());
        assertEquals(List.of(), parse("users:\n  gil: {password: x, roles: ~}\n").get(0).roles());
        assertEquals(List.of("dash-role", "dot.role", "under_score", "r2"),
                parse("users:\n  gil: {password: x, roles: [dash-role, dot.role, under_score, r2]}\n").get(0).roles());
    }

    @Test
    void blankOptionalTextIsAbsent() {
        DeclaredAccount account = parse("users:\n  hal: {password: x, email: '', displayname: '  '}\n").get(0);
        assertEquals(Optional.empty(), account.email());
        assertEquals(Optional.empty(), account.displayName());
        account = parse("users:\n  hal: {password: x, email: ~, displayname: null}\n").get(0);
        assertEquals(Optional.empty(), account.email());
        assertEquals(Optional.empty(), account.displayName());
    }

    @Test
    void disabledAcceptsTrueAndFalseInAnyCase() {
        assertTrue(parse("users:\n  ian: {password: x, disabled: TRUE}\n").get(0).disabled());
        assertTrue(parse("users:\n  ian: {password: x, disabled: True}\n").get(0).disabled());
        assertFalse(parse("users:\n  ian: {password: x, disabled: false}\n").get(0).disabled());
        assertTrue(parse("users:\n  ian: {password: x, disabled: \"true\"}\n").get(0).disabled());
    }

    @Test
    void acceptsEveryBcryptVariantAndCost() {
        String tail = HASH.substring(7);
        for (String prefix : List.of("$2a$04$", "$2b$10$", "$2y$12$", "$2y$31$", "$2a$09$", "$2b$20$")) {
            assertEquals(prefix + tail, parse("users:\n  jo: {password_hash: '" + prefix + tail + "'}\n")
                    .get(0).passwordHash().orElseThrow());
        }
    }

    @Test
    void acceptsEmailsAndDisplayNames() {
        DeclaredAccount account = parse("""
                users:
                  kim:
                    password: x
                    email: "kim.o'neil+gate@mail.example-host.org"
                    displayname: "Kim O'Neil \u00e9\u4e2d \uD83D\uDC68\u200D\uD83D\uDCBB"
                """).get(0);
        assertEquals("kim.o'neil+gate@mail.example-host.org", account.email().orElseThrow());
        assertEquals("Kim O'Neil \u00e9\u4e2d \uD83D\uDC68\u200D\uD83D\uDCBB", account.displayName().orElseThrow());
        assertEquals("root@localhost", parse("users:\n  kim: {password: x, email: root@localhost}\n")
                .get(0).email().orElseThrow());
    }

    @Test
    void namesUseTheSafeCharacterSet() {
        List<DeclaredAccount> accounts = parse("users:\n  A.b_c@d+e-9: {password: x}\n  " + "n".repeat(64) + ": {password: x}\n");
        assertEquals("A.b_c@d+e-9", accounts.get(0).username());
        assertEquals(64, accounts.get(1).username().length());
    }

    @Test
    void emptyUsersIsNoAccounts() {
        assertEquals(List.of(), parse("users: {}\n"));
        assertEquals(List.of(), parse("users:\n"));
        assertEquals(List.of(), parse("# nobody yet\nusers: ~\n"));
    }

    @Test
    void aByteOrderMarkIsIgnored() {
        assertEquals("lea", parse("\uFEFFusers:\n  lea: {password: x}\n").get(0).username());
    }

    // Refusing what is not valid, with one clear line

    @Test
    void passwordAndHashTogetherAreRefused() {
        refused("users:\n  bob:\n    password: \"" + SECRET + "\"\n    password_hash: \"" + HASH + "\"\n",
                "user 'bob': password and password_hash are both set");
    }

    @Test
    void oneOfPasswordAndHashIsRequired() {
        refused("users:\n  bob:\n    roles: [admin]\n", "user 'bob': neither password nor password_hash is set");
        refused("users:\n  bob: {password: ''}\n", "user 'bob': password is empty");
        refused("users:\n  bob: {password: }\n", "user 'bob': password is empty");
        refused("users:\n  bob: {password: ~}\n", "user 'bob': password is empty");
        refused("users:\n  bob: {password_hash: ''}\n", "user 'bob': password_hash is empty");
        refused("users:\n  bob:\n", "user 'bob': has no settings; it needs a password or a password_hash");
        refused("users:\n  bob: {}\n", "user 'bob': neither password nor password_hash is set");
    }

    @Test
    void hashesMustLookLikeBcrypt() {
        String tail = HASH.substring(7);
        for (String bad : List.of("$2x$12$" + tail, "$2$12$" + tail, "$2y$03$" + tail, "$2y$32$" + tail,
                "$2y$4$" + tail, "$2y$12$" + tail.substring(1), "$2y$12$" + tail + "A",
                "$2y$12$" + tail.substring(1) + "!", "$argon2id$v=19$m=65536,t=3,p=4$R9h/cIPz0gi", "R9h/cIPz0gi",
                " $2y$12$" + tail)) {
            refused("users:\n  bob: {password_hash: '" + bad + "'}\n",
                    "user 'bob': password_hash is not a bcrypt hash ($2a$, $2b$ or $2y$,"
                            + " a cost from 04 to 31, then 53 characters of ./A-Za-z0-9)");
        }
    }

    @Test
    void unknownKeysAreRefused() {
        refused("users:\n  bob:\n    pasword: \"" + SECRET + "\"\n",
                "user 'bob': unknown key 'pasword' (known: password, password_hash, roles, email, displayname, disabled)");
        refused("users:\n  bob:\n    password: x\n    groups: [admin]\n",
                "user 'bob': unknown key 'groups' (known: password, password_hash, roles, email, displayname, disabled)");
        refused("users:\n  bob: {password: x}\ngroups: []\n", "unknown key 'groups'; the file holds only 'users'");
        refused("accounts:\n  bob: {password: x}\n", "unknown key 'accounts'; the file holds only 'users'");
    }

    @Test
    void anUnquotedPasswordSplitInAFlowMappingIsNotShown() {
        // In a flow mapping a comma ends a plain value, so the rest of the password becomes a key.
        refused("users:\n  bob: {password: Part-One,S3cret-Tail}\n", "user 'bob': unknown key at line 2"
                + " (known: password, password_hash, roles, email, displayname, disabled)");
    }

    @Test
    void fieldsSetTwiceAreRefused() {
        refused("users:\n  bob:\n    password: a\n    password: \"" + SECRET + "\"\n", "user 'bob': password is set twice");
        refused("users:\n  bob:\n    password: a\n    roles: [x]\n    roles: [y]\n", "user 'bob': roles is set twice");
        refused("users:\n  bob: {password: a}\nusers:\n  eve: {password: b}\n", "'users' is set twice");
    }

    @Test
    void usersDeclaredTwiceAreRefused() {
        refused("users:\n  bob: {password: a}\n  amy: {password: b}\n  bob: {password: c}\n", "user 'bob' is declared twice");
        refused("users:\n  bob: {password: a}\n  Bob: {password: c}\n", "user 'Bob': differs from user 'bob' only in case");
    }

    @Test
    void namesOutsideTheSafeSetAreRefused() {
        String rule = ": the name must be 1-64 letters, digits or . _ @ + -";
        refused("users:\n  bob smith: {password: x}\n", "user 'bob smith'" + rule);
        refused("users:\n  j\u00f6rg: {password: x}\n", "user 'j\u00f6rg'" + rule);
        refused("users:\n  'a/b': {password: x}\n", "user 'a/b'" + rule);
        refused("users:\n  \"a\\nb\": {password: x}\n", "user 'a\\u000ab'" + rule);
        refused("users:\n  \"it's\": {password: x}\n", "user 'it\\u0027s'" + rule);
        refused("users:\n  " + "n".repeat(65) + ": {password: x}\n", "user '" + "n".repeat(64) + "...'" + rule);
        refused("users:\n  '': {password: x}\n", "the entry at line 2 has no name");
        refused("users:\n  ~: {password: x}\n", "the entry at line 2 has no name");
        refused("users:\n  [a, b]: {password: x}\n", "the entry at line 2 has no name");
        refused("users:\n  <<: {password: x}\n", "the entry at line 2 has no name");
    }

    @Test
    void valuesOfTheWrongShapeAreRefused() {
        refused("users:\n  bob: \"" + SECRET + "\"\n",
                "user 'bob': must be a mapping of password, password_hash, roles, email, displayname, disabled");
        refused("users:\n  bob: [a, b]\n",
                "user 'bob': must be a mapping of password, password_hash, roles, email, displayname, disabled");
        refused("users:\n  bob: {password: [a, b]}\n", "user 'bob': password must be text, not a list");
        refused("users:\n  bob: {password: {a: b}}\n", "user 'bob': password must be text, not a mapping");
        refused("users:\n  bob: {password: x, email: [a@b.c]}\n", "user 'bob': email must be text, not a list");
        refused("users:\n  bob: {password: x, roles: {admin: true}}\n", "user 'bob': roles must be a role or a list of roles");
        refused("users:\n  bob: {password: x, roles: [[admin]]}\n", "user 'bob': roles must be text, not a list");
    }

    @Test
    void taggedValuesAreRefusedWithoutShowingThem() {
        String rule = "user 'bob': password must be plain text without a YAML tag (quote it)";
        refused("users:\n  bob: {password: !!binary UzNjcmV0}\n", rule);
        refused("users:\n  bob:\n    password: !S3cret-Value\n", rule);
        refused("users:\n  bob:\n    password: !custom S3cret-Value\n", rule);
        refused("users:\n  bob:\n    password: !!java.lang.Runtime S3cret-Value\n",
                "uses a YAML type tag at line 3, column 15; type tags are not allowed");
        refused("users:\n  bob: !!java.util.HashMap {password: S3cret-Value}\n",
                "uses a YAML type tag at line 2, column 8; type tags are not allowed");
    }

    @Test
    void badRolesAreRefused() {
        refused("users:\n  bob: {password: x, roles: [admin, '']}\n", "user 'bob': role 2 is empty");
        refused("users:\n  bob: {password: x, roles: [admin, ~]}\n", "user 'bob': role 2 is empty");
        refused("users:\n  bob: {password: x, roles: ''}\n", "user 'bob': the role is empty");
        refused("users:\n  bob: {password: x, roles: 'admin, mod'}\n",
                "user 'bob': the role must be 1-64 letters, digits or . _ - (write several roles as a list: [admin, mod])");
        refused("users:\n  bob: {password: x, roles: [ad min]}\n", "user 'bob': role 1 must be 1-64 letters, digits or . _ -");
        refused("users:\n  bob: {password: x, roles: [\"r\\u00f6le\"]}\n", "user 'bob': role 1 must be 1-64 letters, digits or . _ -");
        refused("users:\n  bob: {password: x, roles: [" + "r".repeat(65) + "]}\n",
                "user 'bob': role 1 must be 1-64 letters, digits or . _ -");
    }

    @Test
    void badEmailsAreRefused() {
        String rule = "user 'bob': email is not a valid address (ASCII, name@domain, at most 254 characters)";
        for (String bad : List.of("bob", "bob@", "@example.com", "bob@@example.com", "a@b@example.com",
                "bob smith@example.com", "bob@exa mple.com", "bob@-example.com", "bob@example.com.", ".bob@example.com",
                "b\u00f6b@example.com", "bob@example.com\\r\\nX-Injected: 1", "bob@example..com", "<bob@example.com>")) {
            refused("users:\n  bob: {password: x, email: \"" + bad + "\"}\n", rule);
        }
        refused("users:\n  bob: {password: x, email: \"" + "b".repeat(64) + "@" + "d".repeat(190) + ".com\"}\n", rule);
    }

    @Test
    void badDisplayNamesAreRefused() {
        String rule = "user 'bob': displayname must be at most 128 characters, without control characters";
        refused("users:\n  bob: {password: x, displayname: \"Bob\\r\\nX-Injected: 1\"}\n", rule);
        refused("users:\n  bob: {password: x, displayname: \"Bob\\u0007\"}\n", rule);
        refused("users:\n  bob: {password: x, displayname: \"Bob\\u202Eevil\"}\n", rule);
        refused("users:\n  bob: {password: x, displayname: \"" + "d".repeat(129) + "\"}\n", rule);
        assertEquals(128, parse("users:\n  bob: {password: x, displayname: \"" + "\u00e9".repeat(128) + "\"}\n")
                .get(0).displayName().orElseThrow().length());
    }

    @Test
    void disabledMustBeABoolean() {
        String rule = "user 'bob': disabled must be true or false";
        for (String bad : List.of("yes", "no", "on", "1", "0", "~", "''", "[true]", "{a: b}", "maybe")) {
            refused("users:\n  bob: {password: x, disabled: " + bad + "}\n", rule);
        }
    }

    @Test
    void theFileMustHoldUsers() {
        refused("", "is empty; it must hold a 'users:' mapping");
        refused("# only a comment\n", "is empty; it must hold a 'users:' mapping");
        refused("---\n", "is empty; it must hold a 'users:' mapping");
        refused("{}\n", "has no 'users' mapping");
        refused("- alice\n- bob\n", "must be a mapping with the single key 'users'");
        refused("just text\n", "must be a mapping with the single key 'users'");
        refused("users: [alice, bob]\n", "'users' must be a mapping of names to accounts");
        refused("users: alice\n", "'users' must be a mapping of names to accounts");
        refused("users: {bob: {password: x}}\n---\nusers: {}\n", "holds more than one YAML document");
    }

    // Malformed YAML: the position, never the offending text

    @Test
    void anUnquotedColonIsReportedWithItsPosition() {
        String message = refusedStartingWith("users:\n  bob:\n    password: S3cret: more\n",
                "is not valid YAML at line 3, column 21: mapping values are not allowed here (quote values");
        assertFalse(message.contains("more"), message);
    }

    @Test
    void malformedYamlNeverShowsTheDocument() {
        refusedStartingWith("users:\n  bob:\n    password: \"S3cret-unclosed\n", "is not valid YAML at line 4");
        refusedStartingWith("users:\n  bob: {password: [S3cret\n", "is not valid YAML at line 3");
        refusedStartingWith("users:\n\tbob: {password: S3cret}\n",
                "is not valid YAML at line 2, column 1: a tab, which YAML does not allow for indentation (quote");
        refusedStartingWith("users:\n  bob:\n    password: S3cret-one\n   roles: [a]\n", "is not valid YAML at line 4");
        refusedStartingWith("users:\n  bob:\n    password: \"S3cret\\q\"\n", "is not valid YAML at line 3");
    }

    @Test
    void anUnquotedPasswordStartingWithAStarIsNotShown() {
        // SnakeYAML would say "found undefined alias S3cret-Value-9".
        refused("users:\n  bob:\n    password: *S3cret-Value-9\n", "is not valid YAML at line 3, column 15");
    }

    @Test
    void anUnknownTagHandleIsNotShown() {
        // SnakeYAML would say "found undefined tag handle !S3cret!".
        refusedStartingWith("users:\n  bob:\n    password: !S3cret!x abc\n", "is not valid YAML at line 3");
    }

    @Test
    void forbiddenCharactersAreReportedByPosition() {
        refused("users:\n  bob: {password: \"S3cret\u0001\"}\n", "holds a character that YAML does not allow at line 2, column 26");
    }

    @Test
    void aliasBombsAndDeepNestingAreStopped() {
        StringBuilder bomb = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 12; i++) {
            bomb.append("a").append(i).append(": &a").append(i).append(" [")
                    .append(String.join(", ", java.util.Collections.nCopies(10, "*a" + (i - 1)))).append("]\n");
        }
        String yaml = bomb.toString();
        IllegalArgumentException e = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> assertThrows(IllegalArgumentException.class, () -> parse(yaml)));
        assertTrue(e.getMessage().startsWith(PREFIX), e.getMessage());

        String deep = "users: " + "[".repeat(100) + "]".repeat(100) + "\n";
        e = assertThrows(IllegalArgumentException.class, () -> parse(deep));
        assertEquals(PREFIX + "is not valid YAML or exceeds a limit of the reader", e.getMessage());
    }

    // The file itself

    @Test
    void readsAFile() throws IOException {
        Path file = dir.resolve("users.yml");
        Files.writeString(file, "users:\n  nora:\n    password: \"" + SECRET + "\"\n    roles: admin\n");
        List<DeclaredAccount> accounts = UsersFile.read(file);
        assertEquals(List.of(new DeclaredAccount("nora", Optional.of(SECRET), Optional.empty(), List.of("admin"),
                Optional.empty(), Optional.empty(), false)), accounts);
    }

    @Test
    void messagesNameTheFile() throws IOException {
        Path file = dir.resolve("users.yml");
        Files.writeString(file, "users:\n  bob:\n    password: a\n    password_hash: \"" + HASH + "\"\n");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UsersFile.read(file));
        assertEquals("GATEHOUSE_USERS_FILE " + file + ": user 'bob': password and password_hash are both set",
                e.getMessage());
    }

    @Test
    void aMissingFileIsOneClearMessage() {
        Path missing = dir.resolve("nope.yml");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UsersFile.read(missing));
        assertEquals("GATEHOUSE_USERS_FILE " + missing + ": does not exist", e.getMessage());
        Path inMissingDir = dir.resolve("no-dir/users.yml");
        e = assertThrows(IllegalArgumentException.class, () -> UsersFile.read(inMissingDir));
        assertEquals("GATEHOUSE_USERS_FILE " + inMissingDir + ": does not exist", e.getMessage());
    }

    @Test
    void aDirectoryIsNotAFile() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UsersFile.read(dir));
        assertEquals("GATEHOUSE_USERS_FILE " + dir + ": is a directory, not a file", e.getMessage());
    }

    @Test
    void aDeviceIsNotARegularFile() {
        Path device = Path.of("/dev/null");
        assumeTrue(Files.exists(device));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UsersFile.read(device));
        assertEquals("GATEHOUSE_USERS_FILE /dev/null: is not a regular file", e.getMessage());
    }

    @Test
    void anUnreadableFileIsOneClearMessage() throws IOException {
        Path file = dir.resolve("secret.yml");
        Files.writeString(file, "users: {}\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("---------"));
        assumeFalse(Files.isReadable(file), "running as root: every file is readable");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UsersFile.read(file));
        assertEquals("GATEHOUSE_USERS_FILE " + file + ": cannot be read: permission denied", e.getMessage());
    }

    @Test
    void aFileThatIsNotUtf8IsRefused() throws IOException {
        Path file = dir.resolve("latin1.yml");
        Files.write(file, "users:\n  bob: {password: \"S3cret-\u00e9\"}\n".getBytes(StandardCharsets.ISO_8859_1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UsersFile.read(file));
        assertEquals("GATEHOUSE_USERS_FILE " + file + ": is not UTF-8 text", e.getMessage());
    }

    @Test
    void aUtf8FileWithAByteOrderMarkIsRead() throws IOException {
        Path file = dir.resolve("bom.yml");
        byte[] body = "users:\n  bob: {password: \"p\u00e4ss\"}\n".getBytes(StandardCharsets.UTF_8);
        byte[] bytes = new byte[body.length + 3];
        bytes[0] = (byte) 0xEF;
        bytes[1] = (byte) 0xBB;
        bytes[2] = (byte) 0xBF;
        System.arraycopy(body, 0, bytes, 3, body.length);
        Files.write(file, bytes);
        assertEquals("p\u00e4ss", UsersFile.read(file).get(0).password().orElseThrow());
    }

    @Test
    void anEmptyFileIsRefused() throws IOException {
        Path file = dir.resolve("empty.yml");
        Files.writeString(file, "");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UsersFile.read(file));
        assertEquals("GATEHOUSE_USERS_FILE " + file + ": is empty; it must hold a 'users:' mapping", e.getMessage());
    }

    @Test
    void aHugeFileIsRefusedBeforeParsing() throws IOException {
        Path file = dir.resolve("huge.yml");
        Files.write(file, new byte[UsersFile.MAX_BYTES + 1]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UsersFile.read(file));
        assertEquals("GATEHOUSE_USERS_FILE " + file + ": is larger than 4 MiB", e.getMessage());
    }

    @Test
    void nullArgumentsAreProgrammingErrors() {
        assertThrows(NullPointerException.class, () -> UsersFile.read(null));
        assertThrows(NullPointerException.class, () -> UsersFile.parse(null, SOURCE));
        assertThrows(NullPointerException.class, () -> UsersFile.parse("users: {}", null));
    }

    // The account

    @Test
    void anAccountNeverShowsItsSecrets() {
        DeclaredAccount plain = new DeclaredAccount("olga", Optional.of(SECRET), Optional.empty(), List.of("admin"),
                Optional.of("olga@example.com"), Optional.empty(), false);
        DeclaredAccount hashed = new DeclaredAccount("olga", Optional.empty(), Optional.of(HASH), List.of(),
                Optional.empty(), Optional.empty(), true);
        assertEquals("DeclaredAccount[olga, roles=[admin], plain]", plain.toString());
        assertEquals("DeclaredAccount[olga, roles=[], hashed, disabled]", hashed.toString());
    }

    @Test
    void anAccountHasExactlyOneCredential() {
        assertThrows(IllegalArgumentException.class, () -> new DeclaredAccount("p", Optional.of("a"), Optional.of(HASH),
                List.of(), Optional.empty(), Optional.empty(), false));
        assertThrows(IllegalArgumentException.class, () -> new DeclaredAccount("p", Optional.empty(), Optional.empty(),
                List.of(), Optional.empty(), Optional.empty(), false));
        assertThrows(NullPointerException.class, () -> new DeclaredAccount(null, Optional.of("a"), Optional.empty(),
                List.of(), Optional.empty(), Optional.empty(), false));
    }

    @Test
    void anAccountsRolesCannotBeChanged() {
        List<String> roles = new java.util.ArrayList<>(List.of("admin"));
        DeclaredAccount account = new DeclaredAccount("q", Optional.of("a"), Optional.empty(), roles, Optional.empty(),
                Optional.empty(), false);
        roles.add("mod");
        assertEquals(List.of("admin"), account.roles());
        assertThrows(UnsupportedOperationException.class, () -> account.roles().add("mod"));
    }
}
