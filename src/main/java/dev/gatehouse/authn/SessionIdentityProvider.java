package dev.gatehouse.authn;

import java.util.Optional;

import jakarta.inject.Singleton;

import dev.gatehouse.session.Session;
import dev.gatehouse.session.SessionStore;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.mutiny.Uni;

/** A browser session, looked up in the store; an unknown or ended session is anonymous, not an error. */
@Singleton
public class SessionIdentityProvider implements IdentityProvider<SessionAuthenticationRequest> {

    private final SessionStore sessions;
    private final AccountStates accounts;

    public SessionIdentityProvider(SessionStore sessions, AccountStates accounts) {
        this.sessions = sessions;
        this.accounts = accounts;
    }

    @Override
    public Class<SessionAuthenticationRequest> getRequestType() {
        return SessionAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(SessionAuthenticationRequest request, AuthenticationRequestContext context) {
        return sessions.find(request.sessionId()).flatMap(found -> found.isEmpty() ? Uni.createFrom().nullItem()
                : accounts.current(identity(found.get()), found.get().createdAt(), false)
                        .map(current -> current.map(Identities::toSecurityIdentity).orElse(null)));
    }

    private static Identity identity(Session session) {
        return new Identity(session.username(), session.roles(), Identity.Via.SESSION, Optional.of(session.id()));
    }
}
