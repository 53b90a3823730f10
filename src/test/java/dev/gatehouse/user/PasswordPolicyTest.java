package dev.gatehouse.user;

import static dev.gatehouse.user.PasswordPolicy.COMMON;
import static dev.gatehouse.user.PasswordPolicy.CONTAINS_EMAIL;
import static dev.gatehouse.user.PasswordPolicy.CONTAINS_USERNAME;
import static dev.gatehouse.user.PasswordPolicy.TOO_LONG;
import static dev.gatehouse.user.PasswordPolicy.TOO_SHORT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;

class PasswordPolicyTest {

    private static final Optional<String> NO_EMAIL = Optional.empty();
    // Random enough to be on no list: 16 characters, no name in it.
    private static final String GOOD = "vT7#qL2!xR9@mK4$";

    private final PasswordPolicy policy = new PasswordPolicy();

    private List<String> check(String password) {
        return policy.violations(password, "someone", NO_EMAIL);
    }

    // The bundled list

    @Test
    void bundledListHasAtLeastAHundredThousandEntries() {
        assertTrue(CommonPasswords.bundled().size() >= 100_000, CommonPasswords.bundled().toString());
    }

    @Test
    void bundledListIsReadOnceAndShared() {
        assertSame(CommonPasswords.bundled(), CommonPasswords.bundled());
    }

    @Test
    void bundledListIsAGzipResourceOnTheClassPath() throws IOException {
        try (InputStream in = getClass().getResourceAsStream("/" + CommonPasswords.RESOURCE)) {
            assertTrue(in != null, "missing " + CommonPasswords.RESOURCE);
            assertEquals(CommonPasswords.bundled().size(), CommonPasswords.readGzip(in).size());
        }
    }

    @Test
    void bundledListHoldsWellKnownPasswordsOfEveryLength() {
        CommonPasswords list = CommonPasswords.bundled();
        for (String known : List.of("123456", "password", "qwerty", "letmein", "dragon", "iloveyou", "trustno1",
                "password1234", "qwertyuiop123", "1q2w3e4r5t6y", "administrator")) {
            assertTrue(list.contains(known), known);
        }
        assertFalse(list.contains(GOOD));
        assertFalse(list.contains("correct horse battery staple"));
    }

    // too_short and too_long

    @Test
    void refusesPassword1234AsCommon() {
        assertEquals(List.of(COMMON), check("password1234"));
    }

    @Test
    void commonIsCaseInsensitive() {
        assertEquals(List.of(COMMON), check("PASSWORD1234"));
        assertEquals(List.of(COMMON), check("PassWord1234"));
        assertEquals(List.of(COMMON), check("QWERTYUIOP123"));
    }

    @Test
    void shortCommonPasswordBreaksBothRules() {
        assertEquals(List.of(TOO_SHORT, COMMON), check("password"));
        assertEquals(List.of(TOO_SHORT, COMMON), check("123456"));
    }

    @Test
    void acceptsAStrongPassword() {
        assertEquals(List.of(), check(GOOD));
        assertTrue(policy.accepts(GOOD, "someone", NO_EMAIL));
        assertEquals(List.of(), check("correct horse battery staple"));
    }

    @Test
    void twelveCharactersIsEnoughElevenIsNot() {
        assertEquals(List.of(), check("vT7#qL2!xR9@"));
        assertEquals(List.of(TOO_SHORT), check("vT7#qL2!xR9"));
        assertEquals(List.of(TOO_SHORT), check(""));
        assertEquals(List.of(TOO_SHORT), check(" "));
    }

    @Test
    void lengthCountsCodePointsNotUtf16Units() {
        String emoji = "\uD83D\uDD11"; // one code point, two chars, four bytes
        assertEquals(List.of(), check(emoji.repeat(12)));
        assertEquals(List.of(TOO_SHORT), check(emoji.repeat(11)));
        assertEquals(List.of(), check("\u00e9".repeat(12)));
        assertEquals(List.of(TOO_SHORT), check("\u00e9".repeat(11)));
    }

    @Test
    void seventyTwoBytesIsTheLimitNeverTruncated() {
        String ascii72 = "vT7#qL2!xR9@mK4$".repeat(5).substring(0, 72);
        assertEquals(72, ascii72.length());
        assertEquals(List.of(), check(ascii72));
        assertEquals(List.of(TOO_LONG), check(ascii72 + "z"));
    }

    @Test
    void byteLimitCountsUtf8() {
        assertEquals(List.of(), check("\u20ac".repeat(24)));           // 3 bytes each: 72
        assertEquals(List.of(TOO_LONG), check("\u20ac".repeat(25)));   // 75
        assertEquals(List.of(), check("\u00e9".repeat(36)));           // 2 bytes each: 72
        assertEquals(List.of(TOO_LONG), check("\u00e9".repeat(37)));   // 74
        assertEquals(List.of(), check("\uD83D\uDD11".repeat(18)));     // 4 bytes each: 72
        assertEquals(List.of(TOO_LONG), check("\uD83D\uDD11".repeat(19)));
        assertEquals(List.of(TOO_LONG), check("a".repeat(71) + "\u00e9"));
        assertEquals(List.of(), check("a".repeat(70) + "\u00e9"));
    }

    @Test
    void utf8LengthMatchesTheEncoder() {
        for (String text : List.of("", "abc", "\u00e9t\u00e9", "\u20ac", "\uD83D\uDD11x", "\u4e2d\u6587\u5bc6\u7801")) {
            assertEquals(text.getBytes(StandardCharsets.UTF_8).length, PasswordPolicy.utf8Length(text), text);
        }
        // A lone surrogate cannot be encoded; it counts as the three bytes it would take, never fewer.
        assertEquals(3, PasswordPolicy.utf8Length("\uD800"));
    }

    @Test
    void veryLongInputIsRefusedQuickly() {
        String huge = "x".repeat(1_000_000);
        List<String> violations = assertTimeoutPreemptively(Duration.ofSeconds(5), () -> check(huge));
        assertEquals(List.of(TOO_LONG), violations);
    }

    // contains_username and contains_email

    @Test
    void refusesThePasswordContainingTheUsernameIgnoringCase() {
        assertEquals(List.of(CONTAINS_USERNAME), policy.violations("xx-ALICE-vT7#qL2!", "alice", NO_EMAIL));
        assertEquals(List.of(CONTAINS_USERNAME), policy.violations("xx-alice-vT7#qL2!", "Alice", NO_EMAIL));
        assertEquals(List.of(CONTAINS_USERNAME), policy.violations("alicevT7#qL2!x", "alice", NO_EMAIL));
    }

    @Test
    void usernameIsLookedForFromFourCharacters() {
        assertEquals(List.of(CONTAINS_USERNAME), policy.violations("anna-vT7#qL2!x", "anna", NO_EMAIL));
        assertEquals(List.of(), policy.violations("bob-vT7#qL2!xR", "bob", NO_EMAIL));
        assertEquals(List.of(), policy.violations("\u00e9\u00e9\u00e9-vT7#qL2!x", "\u00e9\u00e9\u00e9", NO_EMAIL));
        assertEquals(List.of(CONTAINS_USERNAME),
                policy.violations("x\u00c9MILE-vT7#qL2!", "\u00e9mile", NO_EMAIL));
    }

    @Test
    void noUsernameIsNoRule() {
        assertEquals(List.of(), policy.violations(GOOD, null, NO_EMAIL));
        assertEquals(List.of(), policy.violations(GOOD, "", NO_EMAIL));
    }

    @Test
    void refusesThePasswordContainingTheEmailLocalPart() {
        Optional<String> email = Optional.of("Carol.Smith@example.com");
        assertEquals(List.of(CONTAINS_EMAIL), policy.violations("carol.smith-vT7#qL2!", "cs", email));
        assertEquals(List.of(CONTAINS_EMAIL), policy.violations("xxCAROL.SMITHxx99", "cs", email));
        // The domain is not the person's name.
        assertEquals(List.of(), policy.violations("example.com-vT7#qL2!", "cs", email));
    }

    @Test
    void emailLocalPartIsLookedForFromFourCharacters() {
        assertEquals(List.of(), policy.violations("bob-vT7#qL2!xR", "zz", Optional.of("bob@example.com")));
        assertEquals(List.of(CONTAINS_EMAIL), policy.violations("dave-vT7#qL2!x", "zz", Optional.of("dave@example.com")));
    }

    @Test
    void oddEmailValuesAreHandled() {
        assertEquals(List.of(), policy.violations(GOOD, "zz", Optional.of("")));
        assertEquals(List.of(), policy.violations(GOOD, "zz", Optional.of("@")));
        assertEquals(List.of(), policy.violations(GOOD, "zz", null));
        // Without an @ the whole value stands for the name.
        assertEquals(List.of(CONTAINS_EMAIL), policy.violations("frank-vT7#qL2!x", "zz", Optional.of("frank")));
        // The last @ separates the domain.
        assertEquals(List.of(CONTAINS_EMAIL), policy.violations("a@bcd-vT7#qL2!x", "zz", Optional.of("a@bcd@example.com")));
        assertEquals("a@bcd", PasswordPolicy.localPart("a@bcd@example.com"));
        assertEquals("grace", PasswordPolicy.localPart("  grace@example.com "));
    }

    @Test
    void violationsComeInTheFixedOrder() {
        assertEquals(List.of(TOO_SHORT, COMMON, CONTAINS_USERNAME, CONTAINS_EMAIL),
                policy.violations("password", "password", Optional.of("Password@example.com")));
        String long80 = "henry-" + "vT7#qL2!xR9@".repeat(7);
        assertEquals(List.of(TOO_LONG, CONTAINS_USERNAME, CONTAINS_EMAIL),
                policy.violations(long80, "henry", Optional.of("henry@example.com")));
        assertEquals(List.of(TOO_SHORT, TOO_LONG, COMMON, CONTAINS_USERNAME, CONTAINS_EMAIL), PasswordPolicy.RULES);
    }

    @Test
    void violationsAreRuleIdsOnly() {
        String secret = "s3cret-ivy-pass";
        List<String> violations = policy.violations(secret, "ivy-pass", Optional.of("s3cret@example.com"));
        assertEquals(List.of(CONTAINS_USERNAME, CONTAINS_EMAIL), violations);
        assertTrue(PasswordPolicy.RULES.containsAll(violations));
        assertThrows(UnsupportedOperationException.class, () -> violations.add("x"));
    }

    @Test
    void nullPasswordIsAProgrammingError() {
        NullPointerException e = assertThrows(NullPointerException.class,
                () -> policy.violations(null, "someone", NO_EMAIL));
        assertEquals("password", e.getMessage());
    }

    // describe

    @Test
    void describesEveryRuleInASentence() {
        assertEquals("Use at least 12 characters.", policy.describe(TOO_SHORT));
        for (String rule : PasswordPolicy.RULES) {
            String sentence = policy.describe(rule);
            assertFalse(sentence.isBlank(), rule);
            assertTrue(Character.isUpperCase(sentence.charAt(0)) && sentence.endsWith("."), sentence);
        }
        assertTrue(policy.describe(TOO_LONG).contains("72"));
    }

    @Test
    void describeRefusesUnknownRules() {
        assertThrows(IllegalArgumentException.class, () -> policy.describe("too_weak"));
        assertThrows(IllegalArgumentException.class, () -> policy.describe(""));
        assertThrows(IllegalArgumentException.class, () -> policy.describe("TOO_SHORT"));
        assertThrows(NullPointerException.class, () -> policy.describe(null));
    }

    @Test
    void textFormsNeverShowAPassword() {
        policy.violations("hunter2-but-longer", "someone", NO_EMAIL);
        assertFalse(policy.toString().contains("hunter2"));
        CommonPasswords list = CommonPasswords.of(List.of("hunter2-but-longer"));
        assertEquals("CommonPasswords[1 entries]", list.toString());
    }

    // Other lists

    @Test
    void anotherListCanBeGiven() {
        PasswordPolicy custom = new PasswordPolicy(CommonPasswords.of(List.of("Tr0ub4dor&3-horse")));
        assertEquals(List.of(COMMON), custom.violations("tr0ub4dor&3-HORSE", "someone", NO_EMAIL));
        assertEquals(List.of(), custom.violations("password1234", "someone", NO_EMAIL));
        assertThrows(NullPointerException.class, () -> new PasswordPolicy(null));
    }

    @Test
    void listIgnoresCaseAndDuplicates() {
        CommonPasswords list = CommonPasswords.of(List.of("Alpha", "alpha", "ALPHA", "beta", "\u00c9t\u00e9"));
        assertEquals(3, list.size());
        assertTrue(list.contains("aLpHa"));
        assertTrue(list.contains("BETA"));
        assertTrue(list.contains("\u00e9T\u00c9"));
        assertFalse(list.contains("alph"));
        assertFalse(list.contains("alphaa"));
        assertFalse(list.contains(""));
        assertFalse(list.contains(null));
    }

    @Test
    void emptyListHoldsNothing() {
        CommonPasswords empty = CommonPasswords.of(List.of());
        assertEquals(0, empty.size());
        assertFalse(empty.contains("anything"));
    }

    @Test
    void listRefusesEmptyEntries() {
        assertThrows(IllegalArgumentException.class, () -> CommonPasswords.of(List.of("a", "")));
        assertThrows(IllegalArgumentException.class, () -> CommonPasswords.of(Arrays.asList("a", null)));
    }

    @Test
    void searchFindsEveryEntryOfABigList() {
        List<String> entries = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            entries.add("entry-" + Integer.toString(i * 7919, 36));
        }
        CommonPasswords list = CommonPasswords.of(entries);
        assertEquals(entries.size(), list.size());
        for (String entry : entries) {
            assertTrue(list.contains(entry.toUpperCase(Locale.ROOT)), entry);
            assertFalse(list.contains(entry + "!"), entry);
        }
    }

    @Test
    void orderIsByUnsignedBytesSoNonAsciiEntriesAreFound() {
        CommonPasswords list = CommonPasswords.of(List.of("zzz", "\u00fcber", "\u4e2d\u6587", "aaa", "\uD83D\uDD11key"));
        for (String entry : List.of("zzz", "\u00dcBER", "\u4e2d\u6587", "AAA", "\uD83D\uDD11KEY")) {
            assertTrue(list.contains(entry), entry);
        }
    }

    @Test
    void readsGzipLinesSkippingEmptyOnes() throws IOException {
        CommonPasswords list = CommonPasswords.readGzip(gzip("one\r\ntwo\n\nThree\nthree\n"));
        assertEquals(3, list.size());
        assertTrue(list.contains("one"));
        assertTrue(list.contains("TWO"));
        assertTrue(list.contains("three"));
    }

    @Test
    void refusesAListThatIsNotGzip() {
        assertThrows(IOException.class,
                () -> CommonPasswords.readGzip(new ByteArrayInputStream("plain text".getBytes(StandardCharsets.UTF_8))));
        assertThrows(IOException.class, () -> CommonPasswords.readGzip(new ByteArrayInputStream(new byte[0])));
    }

    @Test
    void caseFoldingDoesNotDependOnTheDefaultLocale() {
        Locale before = Locale.getDefault();
        try {
            Locale.setDefault(Locale.forLanguageTag("tr"));
            CommonPasswords list = CommonPasswords.of(List.of("ADMIN1234567"));
            assertTrue(list.contains("admin1234567"));
            assertTrue(list.contains("ADMIN1234567"));
            PasswordPolicy custom = new PasswordPolicy(list);
            assertEquals(List.of(COMMON), custom.violations("Admin1234567", "zz", NO_EMAIL));
            assertEquals(List.of(CONTAINS_USERNAME), custom.violations("xxIRISxx-vT7#q", "iris", NO_EMAIL));
        } finally {
            Locale.setDefault(before);
        }
    }

    private static InputStream gzip(String text) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        }
        return new ByteArrayInputStream(bytes.toByteArray());
    }
}
