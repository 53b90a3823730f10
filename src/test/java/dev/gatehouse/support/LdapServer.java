package dev.gatehouse.support;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.listener.interceptor.InMemoryInterceptedSimpleBindRequest;
import com.unboundid.ldap.listener.interceptor.InMemoryOperationInterceptor;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import com.unboundid.ldif.LDIFException;

/**
 * UnboundID's in-memory directory on a free loopback port, with people, groups and a service account
 * ({@link #SERVICE_DN}). It notes every simple bind, so tests can tell whether one was attempted, and
 * can be stopped and started again on the same port to play an outage.
 */
public final class LdapServer implements AutoCloseable {

    public static final String BASE = "dc=example,dc=org";
    public static final String PEOPLE = "ou=people," + BASE;
    public static final String GROUPS = "ou=groups," + BASE;
    public static final String SERVICE_DN = "cn=gatehouse,ou=services," + BASE;
    public static final String SERVICE_PASSWORD = "service-test-password-1";

    private final InMemoryDirectoryServer server;
    private final int port;
    private final List<String> binds = new CopyOnWriteArrayList<>();

    private LdapServer(int port) throws LDAPException, LDIFException {
        this.port = port;
        InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE);
        // No schema: entries may carry the lock attributes of several servers (nsAccountLock, pwdAccountLockedTime).
        config.setSchema(null);
        config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("ldap", InetAddress.getLoopbackAddress(), port, null));
        config.addAdditionalBindCredentials(SERVICE_DN, SERVICE_PASSWORD);
        config.addInMemoryOperationInterceptor(new InMemoryOperationInterceptor() {
            @Override
            public void processSimpleBindRequest(InMemoryInterceptedSimpleBindRequest request) {
                binds.add(request.getRequest().getBindDN());
            }
        });
        this.server = new InMemoryDirectoryServer(config);
        server.add("dn: " + BASE, "objectClass: domain", "dc: example");
        server.add("dn: " + PEOPLE, "objectClass: organizationalUnit", "ou: people");
        server.add("dn: " + GROUPS, "objectClass: organizationalUnit", "ou: groups");
        server.add("dn: cn=admins," + GROUPS, "objectClass: groupOfNames", "cn: admins");
        server.add("dn: cn=staff," + GROUPS, "objectClass: groupOfNames", "cn: staff");
        server.add("dn: cn=outsiders," + GROUPS, "objectClass: groupOfNames", "cn: outsiders");
    }

    public static LdapServer start() {
        try {
            LdapServer ldap = new LdapServer(FreePort.next());
            ldap.server.startListening();
            return ldap;
        } catch (LDAPException | LDIFException e) {
            throw new IllegalStateException(e);
        }
    }

    public String url() {
        return "ldap://127.0.0.1:" + port;
    }

    public static String dnOf(String uid) {
        return "uid=" + uid + "," + PEOPLE;
    }

    /** A person with a password, a mail address and a display name, in the given groups. */
    public void addPerson(String uid, String password, String mail, String displayName, String... groups) {
        try {
            server.add("dn: " + dnOf(uid), "objectClass: inetOrgPerson", "uid: " + uid, "cn: " + displayName,
                    "sn: " + uid, "displayName: " + displayName, "mail: " + mail, "userPassword: " + password);
            for (String group : groups) {
                join(uid, group);
            }
        } catch (LDAPException | LDIFException e) {
            throw new IllegalStateException(e);
        }
    }

    public void join(String uid, String group) {
        modify("cn=" + group + "," + GROUPS, new Modification(ModificationType.ADD, "member", dnOf(uid)));
    }

    public void leave(String uid, String group) {
        modify("cn=" + group + "," + GROUPS, new Modification(ModificationType.DELETE, "member", dnOf(uid)));
    }

    public void lock(String uid) {
        modify(dnOf(uid), new Modification(ModificationType.REPLACE, "nsAccountLock", "true"));
    }

    /** Deletes the person and, as a directory's referential integrity would, their memberships. */
    public void remove(String uid) {
        for (String group : List.of("admins", "staff", "outsiders")) {
            try {
                server.modify("cn=" + group + "," + GROUPS, new Modification(ModificationType.DELETE, "member", dnOf(uid)));
            } catch (LDAPException e) {
                // not a member of this one
            }
        }
        try {
            server.delete(dnOf(uid));
        } catch (LDAPException e) {
            throw new IllegalStateException(e);
        }
    }

    private void modify(String dn, Modification modification) {
        try {
            server.modify(dn, modification);
        } catch (LDAPException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The DNs of every simple bind so far, the service account's included. */
    public List<String> binds() {
        return List.copyOf(binds);
    }

    /** Stops answering, closing every open connection, as a directory that went down. */
    public void stop() {
        server.shutDown(true);
    }

    /** Answers again, on the same port. */
    public void restart() {
        try {
            server.startListening();
        } catch (LDAPException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.shutDown(true);
    }
}
