package dev.gatehouse.http;

import java.util.List;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Front-ends on other origins that may call Gatehouse from a browser, with its cookies. */
@ConfigMapping(prefix = "gatehouse.cors")
public interface CorsConfig {

    /**
     * The origins allowed ({@code GATEHOUSE_CORS_ORIGINS}, comma-separated without spaces, exact:
     * {@code https://app.example.com}, lower case, no path, no wildcard). Default: none, and no
     * other origin may read an answer. A listed origin is trusted like this site itself: its pages can
     * sign people in and out and read who is signed in, with credentials. Anything else in the list
     * stops the start.
     */
    Optional<List<String>> origins();
}
