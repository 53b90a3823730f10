package dev.gatehouse.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Duration;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Turns on LDAP sign-in for the application under test, against an in-memory directory
 * ({@link LdapServer}); inject it with {@link InjectLdap}. Groups: {@code admins} (mapped by DN to
 * admin), {@code staff} (by cn to viewer), {@code outsiders} (unmapped, so the default role). The
 * re-check period is {@link #RECHECK}, so that removals show within the tests' patience.
 */
public class LdapResource implements QuarkusTestResourceLifecycleManager {

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectLdap {
    }

    public static final Duration RECHECK = Duration.ofSeconds(2);

    private LdapServer ldap;

    @Override
    public Map<String, String> start() {
        ldap = LdapServer.start();
        return Map.ofEntries(
                Map.entry("gatehouse.ldap.url", ldap.url()),
                Map.entry("gatehouse.ldap.bind-dn", LdapServer.SERVICE_DN),
                // As SecretFileConfigSource hands it over from GATEHOUSE_LDAP_BIND_PASSWORD_FILE.
                Map.entry("GATEHOUSE_LDAP_BIND_PASSWORD", LdapServer.SERVICE_PASSWORD),
                Map.entry("gatehouse.ldap.user-base", LdapServer.PEOPLE),
                Map.entry("gatehouse.ldap.group-base", LdapServer.GROUPS),
                Map.entry("gatehouse.ldap.role-map", "cn=admins," + LdapServer.GROUPS + "=admin; staff=viewer"),
                Map.entry("gatehouse.ldap.recheck", RECHECK.toString()),
                Map.entry("gatehouse.ldap.connect-timeout", "PT1S"),
                Map.entry("gatehouse.ldap.response-timeout", "PT2S"),
                Map.entry("gatehouse.ldap.retry-after", "PT20S"));
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(ldap, new TestInjector.AnnotatedAndMatchesType(InjectLdap.class, LdapServer.class));
    }

    @Override
    public void stop() {
        if (ldap != null) {
            ldap.close();
        }
    }
}
