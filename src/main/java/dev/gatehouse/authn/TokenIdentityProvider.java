package dev.gatehouse.authn;

import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;

import dev.gatehouse.problem.ProblemMappers;
import dev.gatehouse.token.InvalidTokenException;
import dev.gatehouse.token.TokenVerifier;
import dev.gatehouse.token.VerifiedToken;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.TokenAuthenticationRequest;
import io.smallrye.mutiny.Uni;

/** A bearer token: Gatehouse's own JWT, verified against its key ring. */
@Singleton
public class TokenIdentityProvider implements IdentityProvider<TokenAuthenticationRequest> {

    private final TokenVerifier verifier;
    private final AccountStates accounts;

    public TokenIdentityProvider(TokenVerifier verifier, AccountStates accounts) {
        this.verifier = verifier;
        this.accounts = accounts;
    }

    @Override
    public Class<TokenAuthenticationRequest> getRequestType() {
        return TokenAuthenticationRequest.class;
    }

    @Override
    public Uni<SecurityIdentity> authenticate(TokenAuthenticationRequest request, AuthenticationRequestContext context) {
        try {
            VerifiedToken token = verifier.verify(request.getToken().getToken());
            Identity claimed = new Identity(token.subject(), token.roles(), Identity.Via.TOKEN, Optional.empty(), token.actor());
            return accounts.current(claimed, token.issuedAt(), true).map(current -> current
                    .map(Identities::toSecurityIdentity)
                    .orElseThrow(() -> new AuthenticationFailedException("The token's account has changed")));
        } catch (InvalidTokenException e) {
            return Uni.createFrom().failure(new AuthenticationFailedException("Invalid bearer token",
                    e.expired() ? Map.of(ProblemMappers.TOKEN_EXPIRED, Boolean.TRUE) : Map.of()));
        }
    }
}
