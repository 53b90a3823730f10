package dev.gatehouse.problem;

import jakarta.ws.rs.core.Response;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/** Builds problem+json responses. */
public final class Problems {

    private Problems() {
    }

    public static Response.ResponseBuilder builder(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
    }

    public static Response response(int status, String title, String detail) {
        return builder(Problem.of(status, title, detail)).build();
    }

    /** Ends a Vert.x response with a problem, for routes that bypass JAX-RS. */
    public static void write(HttpServerResponse response, int status, String title, String detail) {
        response.setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(json(status, title, detail));
    }

    static String json(int status, String title, String detail) {
        return "{\"type\":\"about:blank\",\"title\":\"" + title + "\",\"status\":" + status
                + ",\"detail\":\"" + detail.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}";
    }
}
