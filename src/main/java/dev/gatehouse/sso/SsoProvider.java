package dev.gatehouse.sso;

import java.net.URI;
import java.util.Optional;

import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.Nonce;

/**
 * A configured place to sign in through, whatever its protocol (OpenID Connect, plain OAuth2): what
 * the start and callback of {@link SsoResource} and the login page need of it. Names are unique across
 * every kind.
 */
interface SsoProvider {

    /** Its name, in URLs and in the accounts it makes ({@code <name>:<subject>}). */
    String name();

    /** What the login page's button says after "Sign in with". */
    String label();

    /** Whether a first sign-in may use a local account with the same verified address. */
    boolean linkByEmail();

    /**
     * Where the browser goes to sign in, with {@code state} and PKCE S256 (and the {@code nonce} where
     * the protocol has one); {@link SsoFailure} when the provider cannot be read now.
     */
    URI authorizationUrl(URI callback, State state, Nonce nonce, CodeVerifier verifier);

    /** Who signed in: the code exchanged and what the provider says checked; {@link SsoFailure} otherwise. */
    ProviderIdentity identity(LoginStates.Pending pending, String code);

    /** The origin of the provider's logout page, which a logout form may be sent on to; empty when it has none. */
    Optional<String> logoutOrigin();

    /** The provider's logout page for a session begun there (RP-initiated logout); empty when it has none. */
    Optional<String> endSessionUrl();
}
