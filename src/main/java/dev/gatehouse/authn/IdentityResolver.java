package dev.gatehouse.authn;

import java.util.Optional;

import jakarta.inject.Singleton;

import dev.gatehouse.problem.ProblemMappers;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;

/**
 * Runs {@link GatehouseAuthMechanism} for endpoints that answer "who is this?" themselves rather than
 * through Quarkus security: a credential that does not hold is no identity; a store that cannot be
 * reached is a failure.
 */
@Singleton
public class IdentityResolver {

    private final GatehouseAuthMechanism mechanism;
    private final IdentityProviderManager providers;

    public IdentityResolver(GatehouseAuthMechanism mechanism, IdentityProviderManager providers) {
        this.mechanism = mechanism;
        this.providers = providers;
    }

    /** An expired token is noted on the context ({@link ProblemMappers#TOKEN_EXPIRED}) so the answer can say so. */
    public Uni<Optional<Identity>> resolve(RoutingContext context) {
        return mechanism.authenticate(context, providers)
                .map(Identities::of)
                .onFailure(AuthenticationFailedException.class).recoverWithItem(failure -> {
                    if (Boolean.TRUE.equals(((AuthenticationFailedException) failure).getAttribute(ProblemMappers.TOKEN_EXPIRED))) {
                        context.put(ProblemMappers.TOKEN_EXPIRED, Boolean.TRUE);
                    }
                    return Optional.empty();
                });
    }
}
