package dev.gatehouse.ping;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.smallrye.common.annotation.NonBlocking;

@Path("/api/ping")
@Tag(name = "API")
public class PingResource {

    /** The body of a ping answer. */
    public record Status(String status) {
    }

    private static final Status OK = new Status("ok");

    @GET
    @NonBlocking
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Liveness of the API; needs no token and no Redis")
    public Status ping() {
        return OK;
    }
}
