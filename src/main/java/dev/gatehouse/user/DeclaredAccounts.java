package dev.gatehouse.user;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Every account the operator declares: the administrator, {@code API_EXTRA_USERS} and
 * {@code GATEHOUSE_USERS_FILE}. Anything wrong stops the start with one line that names the entry
 * (never the password): an unknown role, a name declared twice, a password the policy refuses.
 */
final class DeclaredAccounts {

    private DeclaredAccounts() {
    }

    /** The administrator, when it has a configured password, comes first; without one it is generated. */
    static List<DeclaredAccount> load(UsersConfig config, PasswordPolicy policy) {
        if (!User.isLocalName(config.adminName())) {
            throw new IllegalArgumentException("API_ADMIN_USER must be " + User.NAME_RULE);
        }
        List<Entry> entries = new ArrayList<>();
        config.adminPassword().ifPresent(password -> entries.add(new Entry("API_ADMIN_PASS (" + config.adminName() + ")",
                new DeclaredAccount(config.adminName(), Optional.of(password), Optional.empty(), List.of(Role.ADMIN.id()),
                        Optional.empty(), Optional.empty(), false))));
        List<DeclaredAccount> extra = config.extra().map(DeclaredUser::parseList).orElse(List.of());
        for (int i = 0; i < extra.size(); i++) {
            entries.add(new Entry("API_EXTRA_USERS entry " + (i + 1) + " (" + extra.get(i).username() + ")", extra.get(i)));
        }
        config.file().ifPresent(path -> UsersFile.read(path).forEach(account -> entries.add(
                new Entry("GATEHOUSE_USERS_FILE " + path + ": user '" + account.username() + "'", account))));
        return check(entries, config, policy);
    }

    private record Entry(String where, DeclaredAccount account) {
    }

    private static List<DeclaredAccount> check(List<Entry> entries, UsersConfig config, PasswordPolicy policy) {
        Set<String> seen = new HashSet<>();
        if (config.adminPassword().isEmpty()) {
            seen.add(config.adminName());
        }
        List<DeclaredAccount> accounts = new ArrayList<>();
        for (Entry entry : entries) {
            DeclaredAccount account = entry.account();
            if (!seen.add(account.username())) {
                throw new IllegalArgumentException(entry.where() + " is declared more than once");
            }
            for (String role : account.roles()) {
                if (Role.parse(role).isEmpty()) {
                    throw new IllegalArgumentException(entry.where() + " has the unknown role '" + role + "' (known: "
                            + String.join(", ", Role.ids(Set.of(Role.values()))) + ")");
                }
            }
            account.password().ifPresent(password -> requirePolicy(entry.where(), account, password, policy));
            accounts.add(account);
        }
        return accounts;
    }

    private static void requirePolicy(String where, DeclaredAccount account, String password, PasswordPolicy policy) {
        List<String> broken = policy.violations(password, account.username(), account.email());
        if (!broken.isEmpty()) {
            throw new IllegalArgumentException(where + ": the password is refused: "
                    + String.join(" ", broken.stream().map(policy::describe).toList()));
        }
    }

}
