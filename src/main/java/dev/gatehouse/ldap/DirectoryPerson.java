package dev.gatehouse.ldap;

import java.util.List;
import java.util.Optional;

/** A user as the directory has them: the DN to bind as, and what the account shows. */
record DirectoryPerson(String dn, Optional<String> email, Optional<String> displayName, List<DirectoryGroup> groups) {

    DirectoryPerson withGroups(List<DirectoryGroup> found) {
        return new DirectoryPerson(dn, email, displayName, List.copyOf(found));
    }

    @Override
    public String toString() {
        return "DirectoryPerson[" + dn + "]";
    }
}
