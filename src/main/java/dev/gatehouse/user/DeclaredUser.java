package dev.gatehouse.user;

import java.util.ArrayList;
import java.util.List;

/** An account as the operator declared it in the environment. */
public record DeclaredUser(String username, String password, Role role) {

    /**
     * Parses {@code name:password[:role],...}. The role, when present, is the part after the last
     * colon, so a password may itself contain colons only when a role follows it.
     */
    public static List<DeclaredUser> parseList(String text) {
        List<DeclaredUser> users = new ArrayList<>();
        String[] entries = text.split(",");
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].trim();
            if (!entry.isEmpty()) {
                users.add(parse(entry, i + 1));
            }
        }
        return users;
    }

    static DeclaredUser parse(String entry, int position) {
        int first = entry.indexOf(':');
        if (first <= 0) {
            throw invalid(position, "expected name:password[:role]");
        }
        String name = entry.substring(0, first);
        String rest = entry.substring(first + 1);
        Role role = Role.USER;
        int last = rest.lastIndexOf(':');
        if (last >= 0) {
            String roleText = rest.substring(last + 1);
            role = Role.parse(roleText).orElseThrow(() -> invalid(position,
                    "unknown role '" + roleText + "' (known: admin, mod, user)"));
            rest = rest.substring(0, last);
        }
        if (!User.isValidName(name)) {
            throw invalid(position, "the name must be 1-64 letters, digits or . _ @ + -");
        }
        if (rest.isEmpty()) {
            throw invalid(position, "the password is empty");
        }
        return new DeclaredUser(name, rest, role);
    }

    private static IllegalArgumentException invalid(int position, String reason) {
        return new IllegalArgumentException("API_EXTRA_USERS entry " + position + " is invalid: " + reason);
    }

    @Override
    public String toString() {
        return "DeclaredUser[" + username + ", " + role.id() + "]";
    }
}
