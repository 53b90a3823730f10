package dev.gatehouse.authn;

import java.util.Optional;

import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;

/** Carries Gatehouse's {@link Identity} inside Quarkus' {@link SecurityIdentity} and back out. */
public final class Identities {

    private static final String ATTRIBUTE = "gatehouse.identity";

    private Identities() {
    }

    static SecurityIdentity toSecurityIdentity(Identity identity) {
        QuarkusSecurityIdentity.Builder builder = QuarkusSecurityIdentity.builder()
                .setPrincipal(new QuarkusPrincipal(identity.username()))
                .addAttribute(ATTRIBUTE, identity);
        identity.roles().forEach(role -> builder.addRole(role.id()));
        return builder.build();
    }

    /**
     * The identity behind {@code security} of an {@code @Authenticated} endpoint; Quarkus' own 401
     * (problem+json, with the bearer challenge) should it ever be anonymous.
     */
    public static Identity require(SecurityIdentity security) {
        return of(security).orElseThrow(io.quarkus.security.UnauthorizedException::new);
    }

    /** The identity behind {@code security}; empty when anonymous. */
    public static Optional<Identity> of(SecurityIdentity security) {
        return security == null || security.isAnonymous() ? Optional.empty()
                : Optional.ofNullable(security.getAttribute(ATTRIBUTE));
    }
}
