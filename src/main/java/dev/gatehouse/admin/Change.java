package dev.gatehouse.admin;

import java.util.Optional;

import dev.gatehouse.user.Role;
import dev.gatehouse.user.User;

/**
 * What an administrator asks to do to one account: make it ({@code before} empty), change it, or
 * remove it ({@code after} empty). {@link AccountRule}s judge it before anything is written.
 */
record Change(Optional<User> before, Optional<User> after) {

    static Change creation(User user) {
        return new Change(Optional.empty(), Optional.of(user));
    }

    static Change update(User before, User after) {
        return new Change(Optional.of(before), Optional.of(after));
    }

    static Change deletion(User user) {
        return new Change(Optional.of(user), Optional.empty());
    }

    boolean deletes() {
        return before.isPresent() && after.isEmpty();
    }

    /** The account comes to hold {@code role}, which it did not hold before. */
    boolean grants(Role role) {
        return after.filter(user -> user.roles().contains(role)).isPresent()
                && before.filter(user -> user.roles().contains(role)).isEmpty();
    }

    /** The account loses a role it held, or is disabled. */
    boolean demotes() {
        if (before.isEmpty() || after.isEmpty()) {
            return false;
        }
        User was = before.get();
        User is = after.get();
        return !is.roles().containsAll(was.roles())
                || (is.status() == User.Status.DISABLED && was.status() != User.Status.DISABLED);
    }

    /** An active owner stops being one: removed, disabled or no longer holding the role. */
    boolean endsOwnership() {
        boolean was = before.filter(user -> user.active() && user.roles().contains(Role.OWNER)).isPresent();
        boolean is = after.filter(user -> user.active() && user.roles().contains(Role.OWNER)).isPresent();
        return was && !is;
    }

    /** The account's name. */
    String username() {
        return before.or(() -> after).orElseThrow().username();
    }
}
