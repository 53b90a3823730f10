package dev.gatehouse.authn;

import io.quarkus.security.identity.request.BaseAuthenticationRequest;

/** A session cookie's value, to be looked up by {@link SessionIdentityProvider}. */
public class SessionAuthenticationRequest extends BaseAuthenticationRequest {

    private final String sessionId;

    public SessionAuthenticationRequest(String sessionId) {
        this.sessionId = sessionId;
    }

    public String sessionId() {
        return sessionId;
    }
}
