package dev.gatehouse.problem;

import java.io.IOException;

import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;

/** Turns every failure into an RFC 9457 body; stack traces go to the log, never to the client. */
public class ProblemMappers {

    public static final String BEARER_CHALLENGE = "Bearer realm=\"gatehouse\"";
    /** RFC 6750: an expired token is an {@code invalid_token} the client can cure by getting a new one. */
    public static final String EXPIRED_CHALLENGE = BEARER_CHALLENGE
            + ", error=\"invalid_token\", error_description=\"The access token has expired\"";
    /** Set on an authentication failure (exception or routing context) whose token had only expired. */
    public static final String TOKEN_EXPIRED = "gatehouse.token.expired";
    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        Response.ResponseBuilder builder = Problems.builder(e.problem());
        e.headers().forEach(builder::header);
        return builder.build();
    }

    @ServerExceptionMapper
    public Response storeUnavailable(StoreUnavailableException e) {
        LOG.warnf("Datastore unavailable: %s", rootMessage(e));
        return Problems.builder(Problem.of(503, "Service Unavailable",
                "A backing service is unavailable. Retry shortly."))
                .header(HttpHeaders.RETRY_AFTER, "5").build();
    }

    @ServerExceptionMapper({ UnauthorizedException.class, AuthenticationCompletionException.class })
    public Response unauthorized() {
        return unauthorizedResponse("A valid bearer token is required.");
    }

    @ServerExceptionMapper
    public Response authenticationFailed(AuthenticationFailedException e) {
        if (Boolean.TRUE.equals(e.getAttribute(TOKEN_EXPIRED))) {
            return Problems.builder(Problem.of(401, "Unauthorized", "The access token has expired; sign in again."))
                    .header(HttpHeaders.WWW_AUTHENTICATE, EXPIRED_CHALLENGE).build();
        }
        return unauthorized();
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return Problems.response(403, "Forbidden", "You do not have permission for this resource.");
    }

    // Listed one by one: Quarkus ships its own mappers for the Jackson subclasses.
    @ServerExceptionMapper({ JsonProcessingException.class, MismatchedInputException.class, JsonParseException.class,
            InvalidFormatException.class })
    public Response malformedJson() {
        return Problems.response(400, "Bad Request", "The request body is not valid JSON of the expected shape.");
    }

    /** Reading the body failed: cut off at the size limit, or the client went away. */
    @ServerExceptionMapper
    public Response unreadableBody(IOException e) {
        boolean tooLarge = e.getMessage() != null && e.getMessage().contains("too large");
        return tooLarge ? Problems.response(413, "Request Entity Too Large", detail(413))
                : Problems.response(400, "Bad Request", "The request body could not be read.");
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        Response original = e.getResponse();
        int status = original.getStatus();
        if (status >= 500) {
            LOG.error("Request failed", e);
        }
        Response.ResponseBuilder builder = Problems.builder(Problem.of(status, reason(status), detail(status)));
        copyHeader(original, builder, HttpHeaders.ALLOW);
        copyHeader(original, builder, HttpHeaders.WWW_AUTHENTICATE);
        return builder.build();
    }

    @ServerExceptionMapper(priority = 10_000)
    public Response unexpected(Throwable e) {
        LOG.error("Unexpected failure", e);
        return Problems.response(500, "Internal Server Error", "An unexpected error occurred.");
    }

    public static Response unauthorizedResponse(String detail) {
        return Problems.builder(Problem.of(401, "Unauthorized", detail))
                .header(HttpHeaders.WWW_AUTHENTICATE, BEARER_CHALLENGE).build();
    }

    private static void copyHeader(Response from, Response.ResponseBuilder to, String name) {
        String value = from.getHeaderString(name);
        if (value != null) {
            to.header(name, value);
        }
    }

    static String reason(int status) {
        Response.Status known = Response.Status.fromStatusCode(status);
        return known != null ? known.getReasonPhrase() : "Error";
    }

    static String detail(int status) {
        return switch (status) {
            case 400 -> "The request is malformed: the body must be valid JSON of the documented shape.";
            case 401 -> "Authentication is required.";
            case 403 -> "You do not have permission for this resource.";
            case 404 -> "No resource exists at this path.";
            case 405 -> "This method is not allowed on this resource.";
            case 406 -> "No acceptable representation is available.";
            case 413 -> "The request body is too large.";
            case 415 -> "The request body must be application/json.";
            default -> status >= 500 ? "An unexpected error occurred." : "The request cannot be processed.";
        };
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }
}
