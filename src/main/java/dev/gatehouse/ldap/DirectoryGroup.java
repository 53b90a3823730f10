package dev.gatehouse.ldap;

import java.util.Set;

import com.unboundid.ldap.sdk.DN;

/** A group the user belongs to: its DN, and its {@code cn} values in lower case. */
record DirectoryGroup(DN dn, Set<String> names) {

    DirectoryGroup {
        names = Set.copyOf(names);
    }
}
