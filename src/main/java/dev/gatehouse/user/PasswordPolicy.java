package dev.gatehouse.user;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import dev.gatehouse.problem.Problem;
import dev.gatehouse.problem.ProblemException;

/**
 * What a password must satisfy wherever one is set: declared accounts, sign-up, reset, change and the
 * administration API. Following NIST SP 800-63B: a minimum length, no composition rules, and no password
 * that is known to be common or breached or that contains the account's own name.
 *
 * <p>{@link #violations} answers stable rule ids, in the fixed order of {@link #RULES}; {@link #describe}
 * turns one into a sentence for a problem body. Neither ever repeats the password.
 */
public final class PasswordPolicy {

    /** Fewer code points than {@link #MIN_LENGTH}. */
    public static final String TOO_SHORT = "too_short";
    /** More UTF-8 bytes than {@link #MAX_BYTES}: bcrypt would silently ignore the rest. */
    public static final String TOO_LONG = "too_long";
    /** In the bundled list of common and breached passwords, ignoring case. */
    public static final String COMMON = "common";
    /** Contains the username, ignoring case. */
    public static final String CONTAINS_USERNAME = "contains_username";
    /** Contains the local part of the e-mail address, ignoring case. */
    public static final String CONTAINS_EMAIL = "contains_email";

    /** Every rule id, in the order {@link #violations} reports them. */
    public static final List<String> RULES = List.of(TOO_SHORT, TOO_LONG, COMMON, CONTAINS_USERNAME, CONTAINS_EMAIL);

    /** Minimum length in Unicode code points (what a person counts as characters). */
    public static final int MIN_LENGTH = 12;
    /** Maximum length in UTF-8 bytes: bcrypt uses only the first 72. */
    public static final int MAX_BYTES = 72;
    /** A username or e-mail local part shorter than this is not looked for in the password. */
    public static final int MIN_NAME_LENGTH = 4;

    private final Supplier<CommonPasswords> commonPasswords;

    /** The policy with the bundled list, which is read on first use. */
    public PasswordPolicy() {
        this.commonPasswords = CommonPasswords::bundled;
    }

    /** The policy with another list of common passwords. */
    public PasswordPolicy(CommonPasswords commonPasswords) {
        Objects.requireNonNull(commonPasswords, "commonPasswords");
        this.commonPasswords = () -> commonPasswords;
    }

    /**
     * The rules the password breaks, as ids from {@link #RULES} in that order; empty when it is acceptable.
     *
     * @param password the new password; must not be null
     * @param username the account's name, or null when there is none yet
     * @param email the account's e-mail address, if any
     */
    public List<String> violations(String password, String username, Optional<String> email) {
        Objects.requireNonNull(password, "password");
        List<String> violations = new ArrayList<>(2);
        if (password.codePointCount(0, password.length()) < MIN_LENGTH) {
            violations.add(TOO_SHORT);
        }
        if (utf8Length(password) > MAX_BYTES) {
            violations.add(TOO_LONG);
        }
        if (commonPasswords.get().contains(password)) {
            violations.add(COMMON);
        }
        String lowerPassword = password.toLowerCase(Locale.ROOT);
        if (containsName(lowerPassword, username)) {
            violations.add(CONTAINS_USERNAME);
        }
        if (email != null && email.isPresent() && containsName(lowerPassword, localPart(email.get()))) {
            violations.add(CONTAINS_EMAIL);
        }
        return List.copyOf(violations);
    }

    /** Refuses, with a 400 that lists each broken rule, a password that breaks any. */
    public void require(String field, String password, String username, Optional<String> email) {
        List<String> broken = violations(password, username, email);
        if (!broken.isEmpty()) {
            throw new ProblemException(Problem.of(400, "Bad Request", field + " does not meet the password policy.")
                    .withErrors(broken.stream().map(rule -> new Problem.Error(rule, describe(rule))).toList()), Map.of());
        }
    }

    /** True when the password breaks no rule. */
    public boolean accepts(String password, String username, Optional<String> email) {
        return violations(password, username, email).isEmpty();
    }

    /** A sentence telling a person what the rule asks, for problem bodies and forms. */
    public String describe(String ruleId) {
        return switch (Objects.requireNonNull(ruleId, "ruleId")) {
            case TOO_SHORT -> "Use at least " + MIN_LENGTH + " characters.";
            case TOO_LONG -> "Use at most " + MAX_BYTES
                    + " bytes: a plain ASCII letter, digit or symbol takes one, other characters two to four.";
            case COMMON -> "Choose a password that is not on lists of common or breached passwords.";
            case CONTAINS_USERNAME -> "Do not use your username in the password.";
            case CONTAINS_EMAIL -> "Do not use the name part of your e-mail address in the password.";
            default -> throw new IllegalArgumentException("Unknown password rule: " + ruleId);
        };
    }

    private static boolean containsName(String lowerPassword, String name) {
        if (name == null) {
            return false;
        }
        String trimmed = name.strip();
        if (trimmed.codePointCount(0, trimmed.length()) < MIN_NAME_LENGTH) {
            return false;
        }
        return lowerPassword.contains(trimmed.toLowerCase(Locale.ROOT));
    }

    /** What comes before the last {@code @}; the whole text when there is none. */
    static String localPart(String email) {
        String trimmed = email.strip();
        int at = trimmed.lastIndexOf('@');
        return at < 0 ? trimmed : trimmed.substring(0, at);
    }

    /** The length of the text in UTF-8, counting a lone surrogate as three bytes. */
    static int utf8Length(String text) {
        int bytes = 0;
        for (int i = 0; i < text.length(); ) {
            int codePoint = text.codePointAt(i);
            bytes += codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
            i += Character.charCount(codePoint);
        }
        return bytes;
    }

    @Override
    public String toString() {
        return "PasswordPolicy[" + MIN_LENGTH + " characters to " + MAX_BYTES
                + " bytes, not common, without the username or e-mail name]";
    }
}
