package dev.gatehouse.token;

import java.util.Optional;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;

import org.eclipse.microprofile.jwt.Claims;
import org.jboss.logging.Logger;
import org.jose4j.jwt.JwtClaims;

import io.smallrye.jwt.auth.principal.DefaultJWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipal;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.smallrye.jwt.auth.principal.ParseException;

/** Plugs the key ring into Quarkus' bearer-token authentication. */
@ApplicationScoped
@Alternative
@Priority(1)
public class GatehouseJwtFactory extends JWTCallerPrincipalFactory {

    private static final Logger LOG = Logger.getLogger(GatehouseJwtFactory.class);
    private final TokenVerifier verifier;
    // Principals are read-only once built; a token sent again reuses its own.
    private final ExpiringCache<JWTCallerPrincipal> principals;

    public GatehouseJwtFactory(TokenVerifier verifier, TokenConfig config) {
        this.verifier = verifier;
        this.principals = new ExpiringCache<>(config.verifiedCacheSize());
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo authContextInfo) throws ParseException {
        long now = verifier.nowMillis();
        Optional<JWTCallerPrincipal> known = principals.find(token, now);
        if (known.isPresent()) {
            return known.get();
        }
        try {
            JwtClaims claims = verifier.verify(token);
            long expiresAt = verifier.expiresAtMillis(claims);
            claims.setClaim(Claims.raw_token.name(), token);
            JWTCallerPrincipal principal = new DefaultJWTCallerPrincipal(token, "JWT", claims);
            principals.remember(token, principal, expiresAt);
            return principal;
        } catch (InvalidTokenException e) {
            LOG.debugf("Rejected bearer token: %s", e.getMessage());
            throw new ParseException("Invalid token");
        }
    }
}
