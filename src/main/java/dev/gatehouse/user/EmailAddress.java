package dev.gatehouse.user;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An e-mail address as Gatehouse accepts it: the common form ({@code local@domain.tld}), at most 254
 * characters, kept in lower case so that one person has one spelling. Quoted local parts, IP literals
 * and non-ASCII addresses are refused: addresses travel as account names in headers and Redis keys.
 */
public final class EmailAddress {

    public static final int MAX_LENGTH = 254;
    public static final String RULE = "an address such as name@example.com (at most " + MAX_LENGTH + " characters)";
    private static final Pattern VALID = Pattern.compile(
            "[a-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?");

    private EmailAddress() {
    }

    /** The canonical (trimmed, lower-case) address, or empty when {@code text} is not one. */
    public static Optional<String> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String address = text.trim().toLowerCase(Locale.ROOT);
        if (address.length() > MAX_LENGTH || address.indexOf('@') > 64 || !VALID.matcher(address).matches()) {
            return Optional.empty();
        }
        return Optional.of(address);
    }

    /** Whether {@code text} is already a canonical address. */
    public static boolean isCanonical(String text) {
        return parse(text).filter(text::equals).isPresent();
    }

    /** The part after the {@code @} of a canonical address. */
    public static String domainOf(String address) {
        return address.substring(address.lastIndexOf('@') + 1);
    }
}
