package dev.gatehouse.ldap;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.unboundid.ldap.sdk.Filter;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPSearchException;
import com.unboundid.ldap.sdk.ResultCode;
import com.unboundid.ldap.sdk.SearchRequest;
import com.unboundid.ldap.sdk.SearchResult;
import com.unboundid.ldap.sdk.SearchResultEntry;
import com.unboundid.ldap.sdk.SearchScope;
import com.unboundid.ldap.sdk.SimpleBindRequest;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.authn.FactorUnavailableException;

/**
 * The directory, as Gatehouse asks it: find a user by name (with the service account), check their
 * password (a bind as the DN that search returned, never one built from input), and list their groups.
 * Anything that keeps the directory from answering is a {@link FactorUnavailableException}, never a
 * wrong password.
 */
@Singleton
public class LdapDirectory {

    /** Users in many groups are common in Active Directory; more than this is not read. */
    private static final int MAX_GROUPS = 1000;
    private static final String[] PERSON_ATTRIBUTES = { "mail", "displayName", "cn" };
    private static final Logger LOG = Logger.getLogger(LdapDirectory.class);

    private final LdapConfig config;
    private final Optional<LdapConnections> connections;
    private final FilterTemplate userFilter;
    private final Filter disabled;
    private final FilterTemplate groupFilter;

    public LdapDirectory(LdapConfig config) {
        this.config = config;
        if (config.enabled() && config.userBase().isEmpty()) {
            throw new IllegalStateException("gatehouse.ldap.user-base: required with gatehouse.ldap.url");
        }
        this.connections = config.enabled() ? Optional.of(new LdapConnections(config)) : Optional.empty();
        this.userFilter = new FilterTemplate("gatehouse.ldap.user-filter", config.userFilter());
        this.disabled = plain("gatehouse.ldap.disabled-filter", config.disabledFilter());
        this.groupFilter = new FilterTemplate("gatehouse.ldap.group-filter", config.groupFilter());
    }

    private static Filter plain(String setting, String filter) {
        try {
            return Filter.create(filter);
        } catch (LDAPException e) {
            throw new IllegalStateException(setting + ": not an LDAP filter: " + filter);
        }
    }

    public boolean enabled() {
        return connections.isPresent();
    }

    /**
     * The user the directory knows by {@code username}, when exactly one entry matches and it is not
     * disabled; groups not read yet.
     */
    Optional<DirectoryPerson> find(String username) {
        Filter usable = Filter.createANDFilter(userFilter.with(Map.of("0", username)),
                Filter.createNOTFilter(disabled));
        SearchResult result = search(new SearchRequest(config.userBase().orElseThrow(), SearchScope.SUB, usable,
                PERSON_ATTRIBUTES), 2, "user_search");
        if (result.getEntryCount() != 1) {
            if (result.getEntryCount() > 1) {
                LOG.warnf("gatehouse.ldap.user-filter matches more than one entry for %s: refused", username);
            }
            return Optional.empty();
        }
        SearchResultEntry entry = result.getSearchEntries().getFirst();
        Optional<String> name = Optional.ofNullable(entry.getAttributeValue("displayName"))
                .or(() -> Optional.ofNullable(entry.getAttributeValue("cn")));
        return Optional.of(new DirectoryPerson(entry.getDN(), Optional.ofNullable(entry.getAttributeValue("mail")), name,
                List.of()));
    }

    /** Whether {@code password} is the password of the entry at {@code dn}, by a bind as that entry. */
    boolean passwordHolds(String dn, String password) {
        if (password == null || password.isBlank()) {
            return false; // refused before any bind: with no password a bind is anonymous, and succeeds
        }
        try {
            connections.orElseThrow().binds().bind(new SimpleBindRequest(dn, password));
            return true;
        } catch (LDAPException e) {
            if (unreachable(e.getResultCode())) {
                throw unavailable(e, "bind");
            }
            LOG.debugf("Bind as %s refused: %s", dn, e.getResultCode());
            return false;
        }
    }

    /** The groups of {@code person} (whose name is {@code username}); none when no group base is set. */
    DirectoryPerson withGroups(DirectoryPerson person, String username) {
        if (config.groupBase().isEmpty()) {
            return person;
        }
        Filter filter = groupFilter.with(Map.of("0", username, "dn", person.dn()));
        SearchResult result = search(new SearchRequest(config.groupBase().get(), SearchScope.SUB, filter, "cn"), MAX_GROUPS,
                "group_search");
        List<DirectoryGroup> groups = new ArrayList<>();
        for (SearchResultEntry entry : result.getSearchEntries()) {
            Set<String> names = new HashSet<>();
            for (String cn : Optional.ofNullable(entry.getAttributeValues("cn")).orElse(new String[0])) {
                names.add(cn.toLowerCase(Locale.ROOT));
            }
            try {
                groups.add(new DirectoryGroup(entry.getParsedDN(), names));
            } catch (LDAPException e) {
                LOG.debugf("Group with an unreadable DN skipped: %s", entry.getDN());
            }
        }
        return person.withGroups(groups);
    }

    private SearchResult search(SearchRequest request, int sizeLimit, String what) {
        request.setSizeLimit(sizeLimit);
        request.setTimeLimitSeconds((int) Math.max(1, config.responseTimeout().toSeconds()));
        try {
            return connections.orElseThrow().searches().search(request);
        } catch (LDAPException e) {
            if (e.getResultCode() == ResultCode.SIZE_LIMIT_EXCEEDED && e instanceof LDAPSearchException s) {
                return s.getSearchResult();
            }
            // Whatever keeps the search from answering (also a bad base or service password) is an
            // outage for sign-in: telling users their password is wrong would be untrue.
            throw unavailable(e, what);
        }
    }

    private static boolean unreachable(ResultCode code) {
        return !code.isConnectionUsable() || code == ResultCode.TIMEOUT || code == ResultCode.BUSY
                || code == ResultCode.UNAVAILABLE || code == ResultCode.CONNECT_ERROR || code == ResultCode.SERVER_DOWN
                || code == ResultCode.OTHER;
    }

    private FactorUnavailableException unavailable(LDAPException e, String what) {
        String reason = what + "_" + e.getResultCode().getName().replace(' ', '_').toLowerCase(Locale.ROOT);
        return new FactorUnavailableException(AuditLog.Event.LDAP_UNAVAILABLE, reason, retryAfter(), e);
    }

    Duration retryAfter() {
        return config.retryAfter();
    }

    @PreDestroy
    void close() {
        connections.ifPresent(LdapConnections::close);
    }
}
