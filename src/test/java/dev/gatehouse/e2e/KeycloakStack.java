package dev.gatehouse.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiFunction;

import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

import dev.gatehouse.support.FreePort;

/**
 * A real Keycloak, the stack configured for it and a headless browser, for a test class: a
 * {@link BrowserStack} whose nginx and app listen on ports chosen first, so that the realm Keycloak
 * imports can name them (redirect URIs, back-channel logout URL). Keycloak starts while the stack does.
 * Every test starts signed out everywhere: the browser's cookies, Gatehouse's and Keycloak's alike, are
 * cleared before each.
 *
 * <pre>
 * &#64;RegisterExtension
 * static final KeycloakStack ENV = new KeycloakStack("MyIT", KeycloakStack::oidc);
 * </pre>
 */
public final class KeycloakStack implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback, TestWatcher {

    private final String name;
    private final BiFunction<KeycloakStack, GatehouseProcess.Builder, GatehouseProcess.Builder> app;
    private final BrowserStack browserStack;
    private final int httpsPort = FreePort.next();
    private final int appPort = FreePort.next();
    private final int keycloakPort = FreePort.next();
    private KeycloakRealm realm;
    private KeycloakServer keycloak;
    private Path secrets;

    /** {@code app} configures the app for Keycloak, e.g. {@link #oidc} or {@link #saml}. */
    public KeycloakStack(String name, BiFunction<KeycloakStack, GatehouseProcess.Builder, GatehouseProcess.Builder> app) {
        this.name = name;
        this.app = app;
        this.browserStack = new BrowserStack(name, stack -> stack
                .app(builder -> this.app.apply(this, builder.env("APP_PORT", String.valueOf(appPort))))
                .nginx(nginx -> nginx.httpsPort(httpsPort)));
    }

    /** Keycloak as the OpenID Connect provider {@code keycloak}, its secret in a 0600 file. */
    public GatehouseProcess.Builder oidc(GatehouseProcess.Builder builder) {
        String prefix = "GATEHOUSE_SSO_OIDC_" + KeycloakRealm.PROVIDER.toUpperCase() + "_";
        return builder.env(prefix + "ISSUER", keycloak.issuer())
                .env(prefix + "CLIENT_ID", KeycloakRealm.CLIENT_ID)
                .env(prefix + "CLIENT_SECRET_FILE", E2e.privateFile(secrets.resolve("keycloak-client-secret"), realm.clientSecret()).toString())
                .env(prefix + "LABEL", "Keycloak")
                .env(prefix + "ROLES_CLAIM", "realm_access.roles")
                .env(prefix + "ROLE_MAP", KeycloakRealm.REALM_ROLE + "=" + KeycloakRealm.GATEHOUSE_ROLE)
                .env(prefix + "POST_LOGOUT_REDIRECT_URI", realm.postLogoutRedirect());
    }

    /** Keycloak as the SAML identity provider, by its metadata URL. */
    public GatehouseProcess.Builder saml(GatehouseProcess.Builder builder) {
        return builder.env("GATEHOUSE_SAML_IDP_METADATA", keycloak.samlDescriptor())
                .env("GATEHOUSE_SAML_SP_ENTITY_ID", KeycloakRealm.SAML_ENTITY_ID)
                .env("GATEHOUSE_SAML_LABEL", "Keycloak SAML")
                .env("GATEHOUSE_SAML_ROLE_MAP", KeycloakRealm.REALM_ROLE + "=" + KeycloakRealm.GATEHOUSE_ROLE);
    }

    public Stack stack() {
        return browserStack.stack();
    }

    public Browser browser() {
        return browserStack.browser();
    }

    public KeycloakServer keycloak() {
        return keycloak;
    }

    public KeycloakRealm realm() {
        return realm;
    }

    /** The app's own TCP listener on 127.0.0.1, where Keycloak posts logout tokens. */
    public int appPort() {
        return appPort;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        realm = KeycloakRealm.forStack("https://localhost:" + httpsPort, appPort);
        secrets = Files.createTempDirectory("gatehouse-e2e-keycloak-");
        keycloak = KeycloakServer.launch(E2e.logDir(name + "-keycloak"), keycloakPort, realm.json());
        browserStack.beforeAll(context);
        keycloak.awaitReady();
        System.out.printf("[e2e] %s: Keycloak %s (log %s)%n", name, keycloak.issuer(), keycloak.log());
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        browser().clearCookies();
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        browserStack.testFailed(context, cause);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            browserStack.afterAll(context);
        } finally {
            try {
                if (keycloak != null) {
                    keycloak.close();
                }
            } finally {
                if (secrets != null) {
                    E2e.deleteRecursively(secrets);
                }
            }
        }
    }
}
