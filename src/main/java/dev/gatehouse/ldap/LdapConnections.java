package dev.gatehouse.ldap;

import java.io.File;
import java.security.GeneralSecurityException;
import java.util.Optional;

import javax.net.SocketFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;

import com.unboundid.ldap.sdk.LDAPConnectionOptions;
import com.unboundid.ldap.sdk.LDAPConnectionPool;
import com.unboundid.ldap.sdk.LDAPException;
import com.unboundid.ldap.sdk.LDAPURL;
import com.unboundid.ldap.sdk.PostConnectProcessor;
import com.unboundid.ldap.sdk.SimpleBindRequest;
import com.unboundid.ldap.sdk.SingleServerSet;
import com.unboundid.ldap.sdk.StartTLSPostConnectProcessor;
import com.unboundid.util.ssl.HostNameSSLSocketVerifier;
import com.unboundid.util.ssl.JVMDefaultTrustManager;
import com.unboundid.util.ssl.PEMFileTrustManager;
import com.unboundid.util.ssl.SSLUtil;

/**
 * The two connection pools to the directory, both with bounded connect and response times: one bound
 * as the service account, for searches; one whose connections only ever carry users' binds, so that a
 * user's bind never runs with, or leaves behind, the service account's rights. Over {@code ldaps://}
 * or StartTLS, the certificate must be trusted and name the URL's host.
 */
final class LdapConnections implements AutoCloseable {

    private final LDAPConnectionPool searches;
    private final LDAPConnectionPool binds;

    LdapConnections(LdapConfig config) {
        try {
            LDAPURL url = new LDAPURL(config.url().orElseThrow());
            boolean ldaps = "ldaps".equalsIgnoreCase(url.getScheme());
            if (ldaps && config.startTls()) {
                throw new IllegalStateException("gatehouse.ldap.start-tls: not with ldaps://, which is TLS already");
            }
            LDAPConnectionOptions options = new LDAPConnectionOptions();
            options.setConnectTimeoutMillis((int) config.connectTimeout().toMillis());
            options.setResponseTimeoutMillis(config.responseTimeout().toMillis());
            options.setAbandonOnTimeout(true);
            // A simple bind with a DN and no password is an anonymous bind that succeeds: never send one.
            options.setBindWithDNRequiresPassword(true);
            options.setSSLSocketVerifier(new HostNameSSLSocketVerifier(true));
            SSLContext tls = ldaps || config.startTls() ? tls(config.caFile()) : null;
            SocketFactory sockets = ldaps ? tls.getSocketFactory() : SocketFactory.getDefault();
            SingleServerSet server = new SingleServerSet(url.getHost(), url.getPort(), sockets, options);
            PostConnectProcessor startTls = config.startTls() ? new StartTLSPostConnectProcessor(tls) : null;
            SimpleBindRequest service = config.bindDn()
                    .map(dn -> new SimpleBindRequest(dn, config.bindPassword().orElse(""))).orElse(null);
            // Created empty and filled on demand: a directory down at start must not stop Gatehouse.
            this.searches = pool(server, service, startTls, config);
            this.binds = pool(server, null, startTls, config);
        } catch (LDAPException e) {
            throw new IllegalStateException("gatehouse.ldap.url: " + e.getMessage());
        }
    }

    private static LDAPConnectionPool pool(SingleServerSet server, SimpleBindRequest bind, PostConnectProcessor startTls,
            LdapConfig config) throws LDAPException {
        LDAPConnectionPool pool = new LDAPConnectionPool(server, bind, 0, config.poolSize(), 1, startTls, false);
        pool.setRetryFailedOperationsDueToInvalidConnections(true);
        // Bounded under load too: no connections beyond the pool, and a bounded wait for a free one.
        pool.setCreateIfNecessary(false);
        pool.setMaxWaitTimeMillis(config.connectTimeout().toMillis());
        return pool;
    }

    private static SSLContext tls(Optional<java.nio.file.Path> caFile) {
        try {
            TrustManager trust = caFile.isPresent() ? new PEMFileTrustManager(new File(caFile.get().toString()))
                    : JVMDefaultTrustManager.getInstance();
            return new SSLUtil(trust).createSSLContext();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("gatehouse.ldap.ca-file: " + e.getMessage());
        }
    }

    LDAPConnectionPool searches() {
        return searches;
    }

    LDAPConnectionPool binds() {
        return binds;
    }

    @Override
    public void close() {
        searches.close();
        binds.close();
    }
}
