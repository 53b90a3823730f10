package dev.gatehouse.support;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** The OpenID Connect provider {@code minted}, played by {@link FakeOidcIssuer}: its ID tokens are the tests' own. */
public class MintedOidcResource implements QuarkusTestResourceLifecycleManager {

    public static final String CLIENT_ID = "minted-client";
    /** Long enough to be an HMAC key: an attacker knowing it could sign HS256 tokens with it. */
    public static final String CLIENT_SECRET = "minted-client-secret-long-enough-for-hs256";

    private static FakeOidcIssuer issuer;

    public static FakeOidcIssuer issuer() {
        return issuer;
    }

    @Override
    public Map<String, String> start() {
        issuer = new FakeOidcIssuer();
        issuer.start();
        return Map.of("gatehouse.sso.timeout", "5s",
                "gatehouse.sso.oidc.minted.issuer", issuer.issuer(),
                "gatehouse.sso.oidc.minted.client-id", CLIENT_ID,
                "gatehouse.sso.oidc.minted.client-secret", CLIENT_SECRET);
    }

    @Override
    public void stop() {
        if (issuer != null) {
            issuer.stop();
        }
    }
}
