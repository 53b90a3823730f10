package dev.gatehouse.ldap;

import java.util.Map;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;

/**
 * A configured filter with placeholders ({@code {0}}, {@code {dn}}). Every value is escaped with
 * {@link Filter#encodeValue} (RFC 4515: {@code * ( ) \} and NUL become {@code \2a} and the like)
 * before it is put in, so a name such as {@code *)(uid=*))(|(uid=*} matches itself, literally, and
 * never widens the search.
 */
final class FilterTemplate {

    private final String setting;
    private final String template;

    /** Checks the template's syntax once, at start, with harmless values. */
    FilterTemplate(String setting, String template) {
        this.setting = setting;
        this.template = template;
        try {
            Filter.create(fill(Map.of("0", "x", "dn", "cn=x")));
        } catch (LDAPException e) {
            throw new IllegalStateException(setting + ": not an LDAP filter: " + template);
        }
    }

    /** The filter with each {@code {name}} replaced by its value, escaped. */
    Filter with(Map<String, String> values) {
        try {
            return Filter.create(fill(values));
        } catch (LDAPException e) {
            // Escaped values cannot break the syntax the constructor checked.
            throw new IllegalStateException(setting + ": unusable filter", e);
        }
    }

    private String fill(Map<String, String> values) {
        String filled = template;
        for (Map.Entry<String, String> value : values.entrySet()) {
            filled = filled.replace("{" + value.getKey() + "}", Filter.encodeValue(value.getValue()));
        }
        return filled;
    }
}
