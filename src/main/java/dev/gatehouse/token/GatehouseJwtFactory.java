package dev.gatehouse.token;

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

    public GatehouseJwtFactory(TokenVerifier verifier) {
        this.verifier = verifier;
    }

    @Override
    public JWTCallerPrincipal parse(String token, JWTAuthContextInfo authContextInfo) throws ParseException {
        try {
            JwtClaims claims = verifier.verify(token);
            claims.setClaim(Claims.raw_token.name(), token);
            return new DefaultJWTCallerPrincipal(token, "JWT", claims);
        } catch (InvalidTokenException e) {
            LOG.debugf("Rejected bearer token: %s", e.getMessage());
            throw new ParseException("Invalid token");
        }
    }
}
