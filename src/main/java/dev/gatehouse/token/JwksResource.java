package dev.gatehouse.token;

import java.util.List;
import java.util.Map;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.common.annotation.NonBlocking;

@Path("/.well-known/jwks.json")
@Tag(name = "Tokens")
public class JwksResource {

    private final Map<String, List<Map<String, Object>>> jwks;

    public JwksResource(KeyRing keys) {
        this.jwks = Map.of("keys", keys.verificationKeys().stream().map(SigningKey::publicJwk).toList());
    }

    @GET
    @NonBlocking
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Public keys that verify Gatehouse tokens (current and, during rotation, previous)")
    public Map<String, List<Map<String, Object>>> jwks() {
        return jwks;
    }
}
