package dev.gatehouse.saml;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Single sign-on through one SAML 2.0 identity provider ({@code GATEHOUSE_SAML_*}). Off by default:
 * without {@link #idpMetadata()} the SAML endpoints answer 404 and the login page offers no SAML button.
 * The public origin ({@code GATEHOUSE_SSO_PUBLIC_URL}) and how long a sign-in may take
 * ({@code GATEHOUSE_SSO_STATE_TTL}) are the ones OpenID Connect uses.
 */
@ConfigMapping(prefix = "gatehouse.saml")
public interface SamlConfig {

    /**
     * The identity provider's metadata, an {@code https://} URL or a file ({@code GATEHOUSE_SAML_IDP_METADATA}).
     * Default: none, SAML is off. Gatehouse believes the signing certificates it names, so fetch it over
     * HTTPS or keep the file where only Gatehouse's operator can change it: a plain {@code http://} URL is
     * refused at start unless its host is this machine or is named in {@code GATEHOUSE_SSO_PLAIN_HTTP_HOSTS}. Read at the first sign-in,
     * not at start: an identity provider that is down gets people a 503 page, never a Gatehouse that does
     * not start.
     */
    Optional<String> idpMetadata();

    /**
     * Gatehouse's entity id as the identity provider knows it, i.e. the SAML client id at Keycloak
     * ({@code GATEHOUSE_SAML_SP_ENTITY_ID}). Default: the URL of Gatehouse's own metadata,
     * {@code <public origin>/auth/saml/metadata}. Assertions must name it as their audience.
     */
    Optional<String> spEntityId();

    /**
     * The private key (PKCS#8 PEM, RSA) Gatehouse signs its requests with and the identity provider
     * encrypts assertions to ({@code GATEHOUSE_SAML_SP_KEY_FILE}), with {@link #spCertFile()}. Default:
     * an RSA 3072 key and a self-signed certificate generated once into the state directory
     * ({@code saml-sp.pem}, mode 0600); whoever reads it can read encrypted assertions.
     */
    Optional<Path> spKeyFile();

    /** The certificate (PEM) of {@link #spKeyFile()} ({@code GATEHOUSE_SAML_SP_CERT_FILE}); both or neither. */
    Optional<Path> spCertFile();

    /** What the login page's button says after "Sign in with" ({@code GATEHOUSE_SAML_LABEL}). Default {@code SAML}. */
    @WithDefault("SAML")
    String label();

    /** Which assertion attribute holds which part of the account ({@code GATEHOUSE_SAML_ATTRIBUTE_*}). */
    Attributes attribute();

    /**
     * Which identity provider role gives which Gatehouse role, as {@code idp-role=role} pairs
     * ({@code GATEHOUSE_SAML_ROLE_MAP=realm-admin=admin,staff=editor}), read from the {@code role}
     * attribute. Default: none. Roles not listed give nothing: the identity provider cannot grant a role
     * this map does not name.
     */
    Optional<List<String>> roleMap();

    /**
     * The role every SAML account has, mapped roles or not ({@code GATEHOUSE_SAML_DEFAULT_ROLE}). Default
     * {@code user}; {@code none} lets only {@link #roleMap()} decide (an account with no role then cannot
     * sign in).
     */
    @WithDefault("user")
    String defaultRole();

    /**
     * Whether the identity provider's e-mail attribute counts as a checked address
     * ({@code GATEHOUSE_SAML_TRUST_EMAIL}). Default true: SAML has no {@code email_verified}, and the
     * identity provider is the operator's own. Only a trusted address is kept on the account (when no
     * other account has it) or links an account by e-mail; set false when people can type any address
     * into the identity provider unchecked.
     */
    @WithDefault("true")
    boolean trustEmail();

    /**
     * Whether a first sign-in may use an existing local account with the same address
     * ({@code GATEHOUSE_SAML_LINK_BY_EMAIL}). Default false; only with {@link #trustEmail()} and a local
     * account that proved its address.
     */
    @WithDefault("false")
    boolean linkByEmail();

    /**
     * How far the identity provider's clock may be from Gatehouse's when NotBefore and NotOnOrAfter are
     * checked ({@code GATEHOUSE_SAML_CLOCK_SKEW}). Default 60s; more keeps expired assertions usable longer.
     */
    @WithDefault("60s")
    Duration clockSkew();

    /**
     * How long the identity provider's metadata is used before it is read again
     * ({@code GATEHOUSE_SAML_METADATA_TTL}). Default 1 hour; a read that fails keeps the last good copy.
     */
    @WithDefault("1h")
    Duration metadataTtl();

    /** The attribute names (the {@code Name} of each {@code Attribute}); each has the default shown. */
    interface Attributes {

        /** Default {@code email}; Keycloak's "X500 email" mapper sends {@code urn:oid:1.2.840.113549.1.9.1}. */
        @WithDefault("email")
        String email();

        /** Default {@code firstName}. */
        @WithDefault("firstName")
        String firstName();

        /** Default {@code lastName}. */
        @WithDefault("lastName")
        String lastName();

        /** Default {@code role}; every value is looked up in {@link SamlConfig#roleMap()}. */
        @WithDefault("role")
        String role();

        /**
         * Default {@code department}: each value is the id of a department here (as in
         * {@code /api/admin/departments/<id>}); see {@link SamlConfig#departmentRole()}.
         */
        @WithDefault("department")
        String department();
    }

    /**
     * The role a person has in each department the {@code department} attribute names
     * ({@code GATEHOUSE_SAML_DEPARTMENT_ROLE}). Default {@code viewer}, the least that lets a member see
     * the department's resources; {@code none} ignores the attribute. At every sign-in the memberships
     * the identity provider gave follow the attribute (added, changed, removed); those an administrator
     * gave stay, and departments Gatehouse does not know are ignored.
     */
    @WithDefault("viewer")
    String departmentRole();
}
