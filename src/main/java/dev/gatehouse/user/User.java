package dev.gatehouse.user;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** An account: its name, bcrypt hash and roles. Never rendered to clients as a whole. */
public record User(String username, String passwordHash, Set<Role> roles) {

    private static final Pattern VALID_NAME = Pattern.compile("[A-Za-z0-9._@+-]{1,64}");

    public User {
        roles = Set.copyOf(roles);
    }

    public static boolean isValidName(String name) {
        return name != null && VALID_NAME.matcher(name).matches();
    }

    public List<String> roleIds() {
        return roles.stream().sorted().map(Role::id).toList();
    }

    public User withPasswordHash(String hash) {
        return new User(username, hash, roles);
    }

    @Override
    public String toString() {
        return "User[" + username + ", roles=" + roleIds() + "]";
    }
}
