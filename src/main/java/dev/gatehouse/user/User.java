package dev.gatehouse.user;

import java.util.Set;
import java.util.regex.Pattern;

/** An account's profile: its name and roles. Credentials are kept apart, in the {@link UserDirectory}. */
public record User(String username, Set<Role> roles) {

    private static final Pattern VALID_NAME = Pattern.compile("[A-Za-z0-9._@+-]{1,64}");

    public User {
        roles = Set.copyOf(roles);
    }

    /** The safe character set of account names: they travel in headers, cookies-free URLs and Redis keys. */
    public static boolean isValidName(String name) {
        return name != null && VALID_NAME.matcher(name).matches();
    }

    @Override
    public String toString() {
        return "User[" + username + ", roles=" + Role.ids(roles) + "]";
    }
}
