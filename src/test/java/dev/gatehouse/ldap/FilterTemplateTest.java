package dev.gatehouse.ldap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import com.unboundid.ldap.sdk.Attribute;
import com.unboundid.ldap.sdk.Entry;
import com.unboundid.ldap.sdk.Filter;

class FilterTemplateTest {

    private static final Entry IVAN = new Entry("uid=ivan,ou=people,dc=example,dc=org", new Attribute("uid", "ivan"),
            new Attribute("objectClass", "inetOrgPerson"));

    private final FilterTemplate users = new FilterTemplate("gatehouse.ldap.user-filter", "(uid={0})");

    @Test
    void injectionPayloadsAreMatchedLiterallyAndNeverWidenTheFilter() throws Exception {
        List<String> attacks = List.of(
                "*", // wildcard
                "iv*", // prefix wildcard
                "*)(uid=*))(|(uid=*", // closes the filter and ORs in everyone
                "ivan)(|(uid=*", // keeps the name, widens the rest
                "ivan)(objectClass=*", // an always-true term
                "ivan\u0000", // a NUL cut-off
                "\\2a"); // an escape typed in
        for (String attack : attacks) {
            Filter filter = users.with(Map.of("0", attack));
            assertEquals(Filter.FILTER_TYPE_EQUALITY, filter.getFilterType(), attack + " stays one equality test");
            assertEquals(attack, filter.getAssertionValue(), "the value is the typed text, verbatim");
            assertFalse(filter.matchesEntry(IVAN), attack);
        }
        assertTrue(users.with(Map.of("0", "ivan")).matchesEntry(IVAN));
    }

    @Test
    void theWrittenFilterEscapesEverySpecialCharacter() {
        assertEquals("(uid=\\2a\\29\\28uid=\\2a\\29\\29\\28|\\28uid=\\2a)",
                users.with(Map.of("0", "*)(uid=*))(|(uid=*")).toString());
    }

    @Test
    void theUserDnIsEscapedInTheGroupFilterToo() {
        FilterTemplate groups = new FilterTemplate("gatehouse.ldap.group-filter", "(|(member={dn})(memberUid={0}))");
        Filter filter = groups.with(Map.of("dn", "uid=x*)(cn=*,dc=org", "0", "x"));
        assertEquals("(|(member=uid=x\\2a\\29\\28cn=\\2a,dc=org)(memberUid=x))", filter.toString());
    }

    @Test
    void aMalformedTemplateStopsTheStart() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new FilterTemplate("gatehouse.ldap.user-filter", "(uid={0}"));
        assertTrue(e.getMessage().startsWith("gatehouse.ldap.user-filter"), e.getMessage());
    }
}
