package dev.gatehouse.sso;

import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.proc.BadJOSEException;
import com.nimbusds.jwt.JWT;
import com.nimbusds.oauth2.sdk.AuthorizationCode;
import com.nimbusds.oauth2.sdk.AuthorizationCodeGrant;
import com.nimbusds.oauth2.sdk.ParseException;
import com.nimbusds.oauth2.sdk.TokenErrorResponse;
import com.nimbusds.oauth2.sdk.TokenRequest;
import com.nimbusds.oauth2.sdk.TokenResponse;
import com.nimbusds.oauth2.sdk.auth.ClientSecretBasic;
import com.nimbusds.oauth2.sdk.auth.Secret;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.http.HTTPRequest;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.oauth2.sdk.token.BearerAccessToken;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponse;
import com.nimbusds.openid.connect.sdk.OIDCTokenResponseParser;
import com.nimbusds.openid.connect.sdk.UserInfoRequest;
import com.nimbusds.openid.connect.sdk.UserInfoResponse;
import com.nimbusds.openid.connect.sdk.claims.IDTokenClaimsSet;
import com.nimbusds.openid.connect.sdk.validators.BadJWTExceptions;

/**
 * The back half of a sign-in: the code is exchanged at the token endpoint (client_secret_basic, with
 * the PKCE verifier), the ID token is checked (signature by the provider's keys, {@code iss},
 * {@code aud}, {@code azp}, {@code exp}, {@code iat}, {@code nonce}), and the userinfo endpoint adds
 * the claims providers keep out of ID tokens (Keycloak's roles). Every call is bounded by
 * {@link SsoConfig#timeout()}.
 */
@Singleton
class CodeExchange {

    private static final Logger LOG = Logger.getLogger(CodeExchange.class);

    ProviderIdentity exchange(OidcProvider provider, LoginStates.Pending pending, String code) {
        OidcProvider.Endpoints endpoints = provider.endpoints();
        OIDCTokenResponse tokens = tokens(provider, endpoints, pending, code);
        JWT idToken = tokens.getOIDCTokens().getIDToken();
        if (idToken == null) {
            throw SsoFailure.refused("no_id_token");
        }
        IDTokenClaimsSet claims;
        try {
            claims = endpoints.idTokens().validate(idToken, new Nonce(pending.nonce()));
        } catch (BadJOSEException e) {
            LOG.debugf("ID token from %s refused: %s", provider.name(), e.getMessage());
            throw SsoFailure.refused(reason(e));
        } catch (KeySourceException e) {
            throw SsoFailure.unavailable("keys_unreachable");
        } catch (JOSEException e) {
            throw SsoFailure.refused("invalid_id_token");
        }
        requireOurAzp(claims, provider.clientId());
        Map<String, Object> all = new HashMap<>();
        if (endpoints.metadata().getUserInfoEndpointURI() != null && tokens.getOIDCTokens().getAccessToken() instanceof BearerAccessToken bearer) {
            all.putAll(userInfo(provider, endpoints.metadata().getUserInfoEndpointURI(), bearer, claims.getSubject().getValue()));
        }
        // The signed token's word wins over the userinfo answer's where both speak.
        all.putAll(claims.toJSONObject());
        return ProviderIdentity.of(claims.getSubject().getValue(), all, provider.roles());
    }

    /**
     * OpenID Connect Core 3.1.3.7: a token for several audiences must say which one it was issued to
     * ({@code azp}), and an {@code azp} must be us. The validator parses the claim but no longer checks
     * it; without this, a token another client asked for, naming us among its audiences, would sign in.
     */
    static void requireOurAzp(IDTokenClaimsSet claims, ClientID us) {
        Object azp = claims.getClaim("azp");
        boolean several = claims.getAudience() != null && claims.getAudience().size() > 1;
        if (azp == null ? several : !us.getValue().equals(azp)) {
            throw SsoFailure.refused("id_token_wrong_azp");
        }
    }

    /**
     * Which check an ID token failed, for the audit line: the validator's own exceptions where it has
     * them, else the words of its message; {@code invalid_id_token} for anything else.
     */
    static String reason(BadJOSEException e) {
        if (e == BadJWTExceptions.EXPIRED_EXCEPTION) {
            return "id_token_expired";
        }
        if (e == BadJWTExceptions.IAT_CLAIM_AHEAD_EXCEPTION) {
            return "id_token_issued_in_future";
        }
        String message = e.getMessage() == null ? "" : e.getMessage().toLowerCase(Locale.ROOT);
        if (message.contains("nonce")) {
            return "nonce_mismatch";
        }
        if (message.contains("unsecured") || message.contains("plain jwt") || message.contains("signed id token expected")) {
            return "id_token_unsigned";
        }
        if (message.contains("authorized party")) {
            return "id_token_wrong_azp";
        }
        if (message.contains("audience") || message.contains("aud claim")) {
            return "id_token_wrong_audience";
        }
        if (message.contains("issuer")) {
            return "id_token_wrong_issuer";
        }
        if (message.contains("signed jwt rejected")) {
            return "id_token_bad_signature";
        }
        return "invalid_id_token";
    }

    private OIDCTokenResponse tokens(OidcProvider provider, OidcProvider.Endpoints endpoints, LoginStates.Pending pending, String code) {
        TokenRequest request = new TokenRequest(endpoints.metadata().getTokenEndpointURI(),
                new ClientSecretBasic(provider.clientId(), new Secret(provider.config().clientSecret())),
                new AuthorizationCodeGrant(new AuthorizationCode(code), URI.create(pending.redirectUri()),
                        new CodeVerifier(pending.codeVerifier())));
        TokenResponse response;
        try {
            response = OIDCTokenResponseParser.parse(bounded(provider, request.toHTTPRequest()).send());
        } catch (IOException e) {
            LOG.warnf("Token endpoint of %s unreachable: %s", provider.name(), e.toString());
            throw SsoFailure.unavailable("provider_unreachable");
        } catch (ParseException e) {
            LOG.warnf("Token endpoint of %s answered what is no token response: %s", provider.name(), e.getMessage());
            throw SsoFailure.refused("bad_token_response");
        }
        if (response instanceof TokenErrorResponse error) {
            String why = error.getErrorObject() == null || error.getErrorObject().getCode() == null ? "unknown"
                    : error.getErrorObject().getCode();
            LOG.debugf("Token endpoint of %s refused the code: %s", provider.name(), why);
            throw SsoFailure.refused("token_" + Reasons.code(why));
        }
        if (!(response instanceof OIDCTokenResponse tokens)) {
            throw SsoFailure.refused("no_id_token");
        }
        return tokens;
    }

    private Map<String, Object> userInfo(OidcProvider provider, URI endpoint, BearerAccessToken token, String subject) {
        UserInfoResponse response;
        try {
            response = UserInfoResponse.parse(bounded(provider, new UserInfoRequest(endpoint, token).toHTTPRequest()).send());
        } catch (IOException e) {
            LOG.warnf("Userinfo endpoint of %s unreachable: %s", provider.name(), e.toString());
            throw SsoFailure.unavailable("provider_unreachable");
        } catch (ParseException e) {
            throw SsoFailure.refused("bad_userinfo_response");
        }
        if (!response.indicatesSuccess()) {
            throw SsoFailure.refused("userinfo_refused");
        }
        var info = response.toSuccessResponse().getUserInfo();
        if (info == null || info.getSubject() == null || !subject.equals(info.getSubject().getValue())) {
            // Another person's claims (a token substitution): nothing here may be mixed with this login.
            throw SsoFailure.refused("userinfo_subject_mismatch");
        }
        return info.toJSONObject();
    }

    private static HTTPRequest bounded(OidcProvider provider, HTTPRequest request) {
        request.setConnectTimeout(provider.timeoutMillis());
        request.setReadTimeout(provider.timeoutMillis());
        request.setFollowRedirects(false);
        return request;
    }
}
