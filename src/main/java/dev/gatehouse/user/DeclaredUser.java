package dev.gatehouse.user;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code API_EXTRA_USERS}: {@code name:password[:role],...}. An entry has two or three fields,
 * never more, so that a password can never be mistaken for a role or the other way round; passwords
 * containing {@code :} or {@code ,} belong in {@code GATEHOUSE_USERS_FILE}.
 */
public final class DeclaredUser {

    private DeclaredUser() {
    }

    public static List<DeclaredAccount> parseList(String text) {
        List<DeclaredAccount> accounts = new ArrayList<>();
        String[] entries = text.split(",");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].trim();
            if (!entry.isEmpty()) {
                accounts.add(parse(entry, i + 1));
            }
        }
        return accounts;
    }

    static DeclaredAccount parse(String entry, int position) {
        String[] fields = entry.split(":", -1);
        String name = fields[0];
        String where = "API_EXTRA_USERS entry " + position + (User.isLocalName(name) ? " (" + name + ")" : "");
        if (fields.length < 2 || fields.length > 3) {
            throw new IllegalArgumentException(where + " is invalid: expected name:password[:role]; put passwords "
                    + "containing ':' or ',' in GATEHOUSE_USERS_FILE");
        }
        if (!User.isLocalName(name)) {
            throw new IllegalArgumentException(where + " is invalid: the name must be " + User.NAME_RULE);
        }
        if (fields[1].isEmpty()) {
            throw new IllegalArgumentException(where + " is invalid: the password is empty");
        }
        String role = fields.length == 3 ? fields[2].trim() : Role.USER.id();
        return new DeclaredAccount(name, Optional.of(fields[1]), Optional.empty(), List.of(role.toLowerCase()), Optional.empty(),
                Optional.empty(), false);
    }
}
