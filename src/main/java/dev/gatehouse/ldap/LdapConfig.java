package dev.gatehouse.ldap;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Password sign-in against an LDAP or Active Directory server, after the local accounts. Off unless
 * {@link #url()} is set. Whoever controls the directory (or its groups) decides who gets in and with
 * which roles: point it only at a directory you trust, over TLS when it is not on this host.
 */
@ConfigMapping(prefix = "gatehouse.ldap")
public interface LdapConfig {

    /**
     * {@code GATEHOUSE_LDAP_URL}: {@code ldap://host[:389]} or {@code ldaps://host[:636]}. Default: none,
     * and the directory is not used. Plain {@code ldap://} sends passwords in clear unless
     * {@link #startTls()} is on.
     */
    Optional<String> url();

    /**
     * {@code GATEHOUSE_LDAP_START_TLS}: upgrades an {@code ldap://} connection with StartTLS before
     * anything is sent. The server's certificate must be trusted (the JVM's trust store, or
     * {@link #caFile()}) and name the URL's host, as with {@code ldaps://}. Default {@code false}.
     */
    @WithDefault("false")
    boolean startTls();

    /**
     * {@code GATEHOUSE_LDAP_CA_FILE}: PEM certificates of the authorities that sign the directory's
     * certificate, for {@code ldaps://} and StartTLS. Default: the JVM's trust store.
     */
    Optional<Path> caFile();

    /**
     * {@code GATEHOUSE_LDAP_BIND_DN}: the service account that looks users and groups up. Default: none,
     * an anonymous search, which most directories refuse. It needs read access only.
     */
    Optional<String> bindDn();

    /** {@code GATEHOUSE_LDAP_BIND_PASSWORD} (or {@code _FILE}): the service account's password. Never logged. */
    Optional<String> bindPassword();

    /** {@code GATEHOUSE_LDAP_USER_BASE}: where users are searched (subtree), e.g. {@code ou=people,dc=example,dc=org}. Required with a URL. */
    Optional<String> userBase();

    /**
     * {@code GATEHOUSE_LDAP_USER_FILTER}: finds the user by the name typed, {@code {0}} (escaped, so a
     * name cannot change the filter). Default {@code (uid={0})}; Active Directory: {@code (sAMAccountName={0})}.
     * More than one match refuses the sign-in.
     */
    @WithDefault("(uid={0})")
    String userFilter();

    /**
     * {@code GATEHOUSE_LDAP_DISABLED_FILTER}: entries that match it may not sign in, and lose their
     * account at the next re-check. Default: OpenLDAP's and 389-DS's locks; Active Directory:
     * {@code (userAccountControl:1.2.840.113556.1.4.803:=2)}.
     */
    @WithDefault("(|(nsAccountLock=true)(pwdAccountLockedTime=*))")
    String disabledFilter();

    /** {@code GATEHOUSE_LDAP_GROUP_BASE}: where groups are searched. Default: none, and users get only {@link #defaultRole()}. */
    Optional<String> groupBase();

    /**
     * {@code GATEHOUSE_LDAP_GROUP_FILTER}: the user's groups; {@code {dn}} is the user's DN and {@code {0}}
     * the name, both escaped. Default {@code (member={dn})}; POSIX groups: {@code (memberUid={0})}.
     */
    @WithDefault("(member={dn})")
    String groupFilter();

    /**
     * {@code GATEHOUSE_LDAP_ROLE_MAP}: {@code group=role,...}, a group named by its {@code cn} or its DN
     * (then separate the entries with {@code ;}, since DNs hold commas). A group may map to several
     * roles by several entries. Default: none. Whoever can edit a mapped group grants its role.
     */
    Optional<String> roleMap();

    /**
     * {@code GATEHOUSE_LDAP_DEFAULT_ROLE}: the role of a user in no mapped group. Default {@code user},
     * so every directory user can sign in; {@code none} refuses those in no mapped group.
     */
    @WithDefault("user")
    String defaultRole();

    /**
     * {@code GATEHOUSE_LDAP_RECHECK}: how often directory accounts are checked again: one removed or
     * disabled in the directory loses its account, and so its sessions and tokens; changed groups change
     * its roles. Default {@code PT5M}: the longest a removed user keeps access.
     */
    @WithDefault("PT5M")
    Duration recheck();

    /**
     * {@code GATEHOUSE_LDAP_CONNECT_TIMEOUT}: to open a connection, and to wait for a free one from the
     * pool. Default 3 s: a directory that does not answer holds a sign-in no longer than this.
     */
    @WithDefault("PT3S")
    Duration connectTimeout();

    /** {@code GATEHOUSE_LDAP_RESPONSE_TIMEOUT}: for any one operation. Default 5 s; then the directory counts as unreachable (503). */
    @WithDefault("PT5S")
    Duration responseTimeout();

    /** {@code GATEHOUSE_LDAP_POOL_SIZE}: connections kept open to the directory at most. Default 8. */
    @WithDefault("8")
    int poolSize();

    /** {@code GATEHOUSE_LDAP_RETRY_AFTER}: what a 503 tells clients to wait when the directory is down. Default 30 s. */
    @WithDefault("PT30S")
    Duration retryAfter();

    default boolean enabled() {
        return url().isPresent();
    }
}
