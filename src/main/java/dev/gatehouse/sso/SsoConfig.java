package dev.gatehouse.sso;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Single sign-on through OpenID Connect providers and plain OAuth2 ones, any number at once, each under
 * its own name: {@code gatehouse.sso.oidc.<name>.*}, e.g. {@code GATEHOUSE_SSO_OIDC_KEYCLOAK_ISSUER}, or
 * {@code gatehouse.sso.oauth2.<name>.*}, e.g. {@code GATEHOUSE_SSO_OAUTH2_GITHUB_PRESET}. No provider is
 * configured by default, and then the login page offers none. The name appears in URLs
 * ({@code /auth/sso/<name>/...}) and in the accounts it makes ({@code <name>:<subject>}): lower-case
 * letters, digits and {@code -}, and never rename a provider once people have signed in through it.
 */
@ConfigMapping(prefix = "gatehouse.sso")
public interface SsoConfig {

    /** The OpenID Connect providers by name. Default: none. */
    Map<String, Oidc> oidc();

    /**
     * The plain OAuth2 providers (no ID token: GitHub, Discord) by name, {@code gatehouse.sso.oauth2.<name>.*}.
     * Default: none. They share one namespace with {@link #oidc()}: a name configured under both stops the start.
     */
    Map<String, Oauth2> oauth2();

    /**
     * How long one call to a provider may take (discovery, keys, the code exchange, userinfo),
     * connecting included ({@code GATEHOUSE_SSO_TIMEOUT}). Default 5s; a provider slower than that gets
     * the person a 503 page, never a hanging request.
     */
    @WithDefault("5s")
    Duration timeout();

    /**
     * How long a sign-in begun at a provider may take to come back ({@code GATEHOUSE_SSO_STATE_TTL}).
     * Default 10 minutes. Its state is kept in Redis that long and used once; longer only widens the
     * window in which a stolen callback URL could still be tried (it is bound to the browser anyway).
     */
    @WithDefault("10m")
    Duration stateTtl();

    /**
     * How long a provider's discovery document is trusted before it is read again
     * ({@code GATEHOUSE_SSO_DISCOVERY_TTL}). Default 1 hour. Keys are read again sooner, whenever a
     * token names a key not seen yet.
     */
    @WithDefault("1h")
    Duration discoveryTtl();

    /**
     * The public origin Gatehouse's callbacks are reached at, e.g. {@code https://auth.example.com}
     * ({@code GATEHOUSE_SSO_PUBLIC_URL}). Default: the origin of the request, as the trusted proxy
     * reports it. The provider only sends people back to redirect URIs registered with it, so a wrong
     * origin makes sign-in fail; it cannot send a code elsewhere.
     */
    Optional<String> publicUrl();

    /**
     * Hosts a provider may be reached at over plain {@code http://} ({@code GATEHOUSE_SSO_PLAIN_HTTP_HOSTS},
     * comma-separated names or addresses). Default: none; loopback addresses and {@code localhost} are
     * always allowed. Every other provider URL (OpenID Connect issuer and the endpoints its discovery
     * names, OAuth2 URLs, SAML metadata) must be {@code https://}, or the start stops: over plain HTTP anyone
     * on the path can hand Gatehouse keys of their own and sign in as anybody. Name a host only when the
     * network to it is yours alone.
     */
    Optional<List<String>> plainHttpHosts();

    /** One OpenID Connect provider. */
    interface Oidc {

        /**
         * The issuer URL; its {@code /.well-known/openid-configuration} says where everything else is, and
         * only ID tokens whose {@code iss} is exactly this are accepted. Required. Use HTTPS: Gatehouse
         * believes whatever keys this URL serves.
         */
        String issuer();

        /** The client id registered with the provider; ID tokens must name it in {@code aud}. Required. */
        String clientId();

        /**
         * The client secret ({@code GATEHOUSE_SSO_OIDC_<NAME>_CLIENT_SECRET}, or the file named by
         * {@code ..._CLIENT_SECRET_FILE}), sent to the token endpoint as HTTP Basic. Required. Whoever
         * has it can exchange codes in Gatehouse's name; it is never logged.
         */
        String clientSecret();

        /** The scopes asked for. Default {@code openid email profile}; {@code openid} is always added. */
        @WithDefault("openid,email,profile")
        List<String> scopes();

        /** What the login page's button says after "Sign in with". Default: the provider's name. */
        Optional<String> label();

        /**
         * Where the provider puts group or role names among the claims, as a dotted path, e.g.
         * {@code realm_access.roles} (Keycloak) or {@code groups}. Claims of the ID token and of the
         * userinfo answer both count. Default: none, every account gets {@link #defaultRole()} only.
         */
        Optional<String> rolesClaim();

        /**
         * Which provider group gives which Gatehouse role, as {@code idp-group=role} pairs
         * ({@code GATEHOUSE_SSO_OIDC_<NAME>_ROLE_MAP=realm-admin=admin,staff=editor}). Default: none.
         * Groups not listed give nothing: the provider cannot grant a role this map does not name.
         */
        Optional<List<String>> roleMap();

        /**
         * The role every account from this provider has, mapped groups or not. Default {@code user};
         * set it to {@code none} to let only {@link #roleMap()} decide (an account with no role then
         * cannot sign in).
         */
        @WithDefault("user")
        String defaultRole();

        /**
         * Whether a first sign-in may use an existing local account with the same e-mail address
         * instead of making a new one. Default false. Only when the provider says the address is
         * verified ({@code email_verified}) and the local account proved it too; otherwise anybody
         * who can register that address at the provider would take the local account over.
         */
        @WithDefault("false")
        boolean linkByEmail();

        /**
         * Where the provider sends the browser after its own logout ({@code post_logout_redirect_uri});
         * it must be registered with the provider. Default: none, the provider decides.
         */
        Optional<String> postLogoutRedirectUri();
    }

    /**
     * One plain OAuth2 provider: who signed in is read from its userinfo endpoint with the access
     * token, since there is no signed ID token. {@link #preset()} fills in what GitHub or Discord need;
     * anything set explicitly wins over the preset.
     */
    interface Oauth2 {

        /**
         * {@code github} or {@code discord}: their endpoints, scopes and fields. Default: none, and then
         * {@link #authorizationUrl()}, {@link #tokenUrl()}, {@link #userinfoUrl()} and {@link #idField()}
         * are required. Any other value stops the start.
         */
        Optional<String> preset();

        /** Where the browser is sent to sign in. Required without a preset. */
        Optional<String> authorizationUrl();

        /** Where the code is exchanged for an access token. Required without a preset. */
        Optional<String> tokenUrl();

        /** Where the access token reads who signed in (a JSON object). Required without a preset. */
        Optional<String> userinfoUrl();

        /**
         * GitHub-style list of the person's addresses ({@code [{"email", "primary", "verified"}]}); when set,
         * the primary verified address there is the account's, verified. The {@code github} preset sets
         * {@code https://api.github.com/user/emails}. Default: none.
         */
        Optional<String> emailsUrl();

        /** The client id registered with the provider. Required. */
        String clientId();

        /**
         * The client secret ({@code GATEHOUSE_SSO_OAUTH2_<NAME>_CLIENT_SECRET}, or the file named by
         * {@code ..._CLIENT_SECRET_FILE}). Required. Whoever has it can exchange codes in Gatehouse's
         * name; it is never logged.
         */
        String clientSecret();

        /**
         * How the secret reaches the token endpoint: {@code basic} (HTTP Basic) or {@code post} (in the
         * form). Default: the preset's ({@code post} for GitHub, {@code basic} for Discord), else {@code basic}.
         */
        Optional<String> tokenAuth();

        /** The scopes asked for. Default: the preset's, else none. */
        Optional<List<String>> scopes();

        /** What the login page's button says after "Sign in with". Default: the preset's name, else the provider's name. */
        Optional<String> label();

        /**
         * The userinfo field (a dotted path) holding the person's stable id: the account is
         * {@code <name>:<id>}. Numbers count as their decimal text. Required without a preset. A sign-in
         * whose answer lacks it is refused ({@code no_subject}).
         */
        Optional<String> idField();

        /** The userinfo field with the address. Default: the preset's, else none. */
        Optional<String> emailField();

        /**
         * The userinfo field saying the provider verified the address; only {@code true} (or
         * {@code "true"}) counts. Default: the preset's, else none, and then the address counts as
         * unverified: it is neither kept on the account nor used by {@link #linkByEmail()}.
         */
        Optional<String> emailVerifiedField();

        /** The userinfo fields for the display name, the first one present wins. Default: the preset's, else none. */
        Optional<List<String>> nameField();

        /** As {@link Oidc#rolesClaim()}, among the userinfo fields. Default: none. */
        Optional<String> rolesClaim();

        /** As {@link Oidc#roleMap()}. Default: none. */
        Optional<List<String>> roleMap();

        /** As {@link Oidc#defaultRole()}. Default {@code user}. */
        @WithDefault("user")
        String defaultRole();

        /**
         * As {@link Oidc#linkByEmail()}. Default false. Only a verified address links; with GitHub that is
         * the primary verified one of {@link #emailsUrl()}.
         */
        @WithDefault("false")
        boolean linkByEmail();
    }
}
