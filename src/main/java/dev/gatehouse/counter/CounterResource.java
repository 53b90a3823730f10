package dev.gatehouse.counter;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.Authenticated;
import io.smallrye.mutiny.Uni;

@Path("/api/count")
@Tag(name = "API")
public class CounterResource {

    /** The body of a count answer. */
    public record Visits(long visits) {
    }

    private final CounterStore counter;

    public CounterResource(CounterStore counter) {
        this.counter = counter;
    }

    @GET
    @Authenticated
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Count one more visit and return the total")
    @APIResponse(responseCode = "200", description = "The new total")
    @APIResponse(responseCode = "401", description = "Missing or invalid bearer token")
    @APIResponse(responseCode = "503", description = "Redis is unavailable")
    public Uni<Visits> count() {
        return counter.increment().map(Visits::new);
    }
}
