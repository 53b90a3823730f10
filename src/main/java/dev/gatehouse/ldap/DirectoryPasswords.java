package dev.gatehouse.ldap;

import java.util.Optional;
import java.util.Set;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.gatehouse.authn.PasswordAuthority;
import dev.gatehouse.user.Role;
import dev.gatehouse.user.User;

/**
 * Password sign-in against the directory, for names with no local password: the user's DN is found
 * with the service account, the password is checked by a bind as that DN, and the groups give the
 * roles of the account made just in time. A blank password is refused before anything is asked.
 */
@Singleton
public class DirectoryPasswords implements PasswordAuthority {

    private static final Logger LOG = Logger.getLogger(DirectoryPasswords.class);

    private final LdapDirectory ldap;
    private final DirectoryAccounts accounts;
    private final RoleMap roles;

    public DirectoryPasswords(LdapDirectory ldap, DirectoryAccounts accounts, LdapConfig config) {
        this.ldap = ldap;
        this.accounts = accounts;
        this.roles = RoleMap.parse(config.roleMap(), config.defaultRole());
    }

    @Override
    public Optional<User> verify(String username, String password) {
        if (!ldap.enabled() || password == null || password.isBlank()) {
            return Optional.empty();
        }
        Optional<String> name = DirectoryAccounts.accountName(username);
        if (name.isEmpty() || !accounts.available(name.get())) {
            return Optional.empty();
        }
        Optional<DirectoryPerson> found = ldap.find(username);
        if (found.isEmpty() || !ldap.passwordHolds(found.get().dn(), password)) {
            return Optional.empty();
        }
        DirectoryPerson person = ldap.withGroups(found.get(), username);
        Set<Role> granted = roles.rolesOf(person.groups());
        if (granted.isEmpty()) {
            LOG.infof("%s is in no mapped group and gatehouse.ldap.default-role is none: refused", name.get());
            return Optional.empty();
        }
        return accounts.signedIn(name.get(), person, granted);
    }

    /** The roles the directory gives {@code person}; for the re-check. */
    Set<Role> rolesOf(DirectoryPerson person) {
        return roles.rolesOf(person.groups());
    }
}
