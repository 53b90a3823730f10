package dev.gatehouse.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Singleton;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.authn.Identity;
import dev.gatehouse.code.CodePolicy;
import dev.gatehouse.code.Codes;
import dev.gatehouse.code.Purpose;
import dev.gatehouse.code.Requested;
import dev.gatehouse.problem.ProblemException;
import dev.gatehouse.user.PasswordHasher;
import dev.gatehouse.user.PasswordPolicy;
import dev.gatehouse.user.Role;
import dev.gatehouse.user.User;
import dev.gatehouse.user.UserDirectory;

/**
 * What owners and administrators do to accounts. Every change is checked whole before anything is
 * written: the fields (400), then the {@link AccountRule}s (403, 409), then names and addresses
 * others hold (409), then the mail it sends (429). Written changes reach live sessions and tokens
 * through the directory's broadcast; each is audited with who made it. Blocking throughout.
 */
@Singleton
public class UserAdministration {

    /** Names sort as people read them; names differing only in case keep a fixed order. */
    private static final Comparator<String> LIST_ORDER = String.CASE_INSENSITIVE_ORDER.thenComparing(Comparator.naturalOrder());

    private final UserDirectory directory;
    private final PasswordPolicy policy;
    private final PasswordHasher hasher;
    private final Codes codes;
    private final EmailChanges emailChanges;
    private final List<AccountRule> rules;
    private final AuditLog audit;
    private final Clock clock;

    public UserAdministration(UserDirectory directory, PasswordPolicy policy, PasswordHasher hasher, Codes codes,
            EmailChanges emailChanges, OwnerGrantRule ownerGrant, DeclaredAccountRule declared, LastOwnerRule lastOwner,
            AuditLog audit, Clock clock) {
        this.directory = directory;
        this.policy = policy;
        this.hasher = hasher;
        this.codes = codes;
        this.emailChanges = emailChanges;
        // Who may ask (403) before whether it can be done (409).
        this.rules = List.of(ownerGrant, declared, lastOwner);
        this.audit = audit;
        this.clock = clock;
    }

    UserList list(ListQuery query) {
        List<AccountView> matching = directory.names().stream().sorted(LIST_ORDER)
                .map(directory::find).flatMap(Optional::stream)
                .filter(query::matches).map(AccountView::of).toList();
        return query.pageOf(matching);
    }

    AccountView get(String username) {
        return AccountView.of(find(username));
    }

    AccountView create(Identity actor, NewAccount body, String clientAddress) {
        if (body == null) {
            throw ProblemException.badRequest("A JSON body with username and roles is required.");
        }
        Invalid invalid = new Invalid();
        String username = AccountFields.username(body.username(), invalid);
        Optional<String> email = AccountFields.email(body.email(), invalid);
        Optional<String> name = AccountFields.name(body.name(), invalid);
        Set<Role> roles = AccountFields.roles(body.roles(), invalid);
        Optional<String> password = Optional.ofNullable(body.password());
        password.ifPresent(chosen -> policy.violations(chosen, username, email)
                .forEach(rule -> invalid.add(rule, policy.describe(rule))));
        if (password.isEmpty() && body.email() == null) {
            invalid.add("email", "email is required without a password: the code to set one is mailed there.");
        }
        invalid.throwIfAny();

        // Valid from the start of this second: tokens carry whole seconds, and one signed in at once
        // must count, while whatever a former account of this name held does not.
        User user = new User(username, roles, User.Status.ACTIVE, User.Source.ADMIN, email, name,
                Instant.ofEpochSecond(clock.instant().getEpochSecond()));
        check(actor, Change.creation(user));
        if (directory.find(username).isPresent()) {
            throw taken(username);
        }
        email.ifPresent(address -> requireFree(address, username));
        Optional<String> hash = password.map(hasher::hash);
        if (password.isEmpty()) {
            // Before the account exists: a refused mail leaves nothing half made.
            Requested sent = codes.send(Purpose.SET_PASSWORD, email.get(), email.get(), clientAddress, CodePolicy.ACCOUNTS, true);
            if (!sent.accepted()) {
                throw Refusals.tooManyCodes(sent);
            }
        }
        if (!directory.create(user, hash)) {
            throw taken(username);
        }
        audit.record(AuditLog.Event.USER_CREATED, username, clientAddress, "by", actor.username(), "roles",
                String.join(",", Role.ids(roles)), "password", password.isPresent() ? "set" : "code_mailed");
        return get(username);
    }

    AccountView update(Identity actor, String username, AccountPatch body, String clientAddress) {
        if (body == null) {
            throw ProblemException.badRequest("A JSON body with the fields to change is required.");
        }
        User before = find(username);
        Invalid invalid = new Invalid();
        Set<Role> roles = body.roles() == null ? before.roles() : AccountFields.roles(body.roles(), invalid);
        Optional<String> name = body.name() == null ? before.displayName() : AccountFields.name(body.name(), invalid);
        Optional<String> email = AccountFields.email(body.email(), invalid);
        invalid.throwIfAny();

        User after = before.withRoles(roles).withStatus(status(before.status(), body.disabled()))
                .withContact(before.email(), name);
        boolean disables = after.status() == User.Status.DISABLED && before.status() != User.Status.DISABLED;
        if (disables) {
            // Tokens carry whole seconds: from the next one, so that enabling the account again later
            // does not bring back what disabling ended.
            after = after.withValidAfter(Instant.ofEpochSecond(clock.instant().getEpochSecond() + 1));
        }
        check(actor, Change.update(before, after));
        Optional<String> newEmail = email.filter(address -> !before.email().equals(Optional.of(address)));
        newEmail.ifPresent(address -> requireFree(address, username));
        newEmail.ifPresent(address -> emailChanges.request(before, address, clientAddress));
        if (!after.equals(before)) {
            directory.save(after);
        }
        audit(actor, before, after, newEmail.isPresent(), clientAddress);
        return get(username);
    }

    void delete(Identity actor, String username, String clientAddress) {
        User user = find(username);
        check(actor, Change.deletion(user));
        directory.delete(username);
        audit.record(AuditLog.Event.USER_DELETED, username, clientAddress, "by", actor.username());
    }

    /** {@code disabled} absent keeps the status; false enables a disabled account and leaves a pending one pending. */
    private static User.Status status(User.Status current, Boolean disabled) {
        if (disabled == null) {
            return current;
        }
        if (disabled) {
            return User.Status.DISABLED;
        }
        return current == User.Status.DISABLED ? User.Status.ACTIVE : current;
    }

    private void audit(Identity actor, User before, User after, boolean emailRequested, String clientAddress) {
        if (after.status() == User.Status.DISABLED && before.status() != User.Status.DISABLED) {
            audit.record(AuditLog.Event.USER_DISABLED, after.username(), clientAddress, "by", actor.username());
        }
        List<String> fields = new ArrayList<>();
        if (!after.roles().equals(before.roles())) {
            fields.add("roles");
        }
        if (!after.displayName().equals(before.displayName())) {
            fields.add("name");
        }
        if (before.status() == User.Status.DISABLED && after.status() != User.Status.DISABLED) {
            fields.add("status");
        }
        if (emailRequested) {
            fields.add("pending_email");
        }
        if (!fields.isEmpty()) {
            audit.record(AuditLog.Event.USER_UPDATED, after.username(), clientAddress, "by", actor.username(), "fields",
                    String.join(",", fields), "roles", String.join(",", Role.ids(after.roles())), "status", after.status().id());
        }
    }

    private void check(Identity actor, Change change) {
        rules.forEach(rule -> rule.check(actor, change));
    }

    private User find(String username) {
        return directory.find(username).orElseThrow(() -> Refusals.notFound(username));
    }

    /** One address, one account: it is how codes and resets find the account. */
    private void requireFree(String address, String username) {
        if (directory.findByEmail(address).filter(holder -> !holder.username().equals(username)).isPresent()) {
            throw Refusals.conflict("Another account has the address " + address + ".");
        }
    }

    private static ProblemException taken(String username) {
        return Refusals.conflict("An account named " + username + " exists.");
    }
}
