package dev.gatehouse.e2e;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Short-lived commands (scripts, openssl, htpasswd) run to completion. */
public final class Commands {

    /** What a command printed (stdout and stderr together) and how it ended. */
    public record Result(int exitCode, String output) {
    }

    private Commands() {
    }

    public static Result run(Duration limit, Map<String, String> environment, List<String> command) {
        // Nothing to read on stdin: a command that asks for input fails instead of hanging.
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        sanitize(builder.environment()).putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot run " + command, e);
        }
        CompletableFuture<String> output = CompletableFuture.supplyAsync(() -> readAll(process));
        try {
            if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(command + " did not finish within " + limit);
            }
            return new Result(process.exitValue(), output.get(10, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new AssertionError("Interrupted", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("Cannot read the output of " + command, e);
        }
    }

    public static Result run(Duration limit, List<String> command) {
        return run(limit, Map.of(), command);
    }

    /** Runs a command that must succeed, and returns its output. */
    public static String require(Duration limit, Map<String, String> environment, List<String> command) {
        Result result = run(limit, environment, command);
        if (result.exitCode() != 0) {
            throw new AssertionError(command + " exited with " + result.exitCode() + ":\n" + result.output());
        }
        return result.output();
    }

    public static String require(List<String> command) {
        return require(Duration.ofSeconds(60), Map.of(), command);
    }

    /** What deploy/stack and deploy/nginx/render read besides GATEHOUSE_* (see {@code deploy/stack defaults}). */
    private static final Set<String> STACK_SETTINGS = Set.of("HTTPS_PORT", "HTTP_PORT", "APP_PORT", "REDIS_PORT",
            "ANALYTICS_PORT", "REDIS_EXTERNAL", "NGINX_DIR", "LOCATIONS_DIR", "NGINX_USER", "TLS_CERT", "TLS_KEY",
            "CLOSE_HTPASSWD", "CLOSE_ALLOW", "SERVER_NAME", "WEB_ROOT", "REDISCLI_AUTH");

    /**
     * Drops inherited Gatehouse, Quarkus and stack settings, so a developer's shell cannot change what
     * the tests run.
     */
    static Map<String, String> sanitize(Map<String, String> environment) {
        environment.keySet().removeIf(name -> name.startsWith("GATEHOUSE_") || name.startsWith("QUARKUS_")
                || name.startsWith("API_") || name.equals("STATE_DIRECTORY") || name.equals("JAVA_TOOL_OPTIONS")
                || STACK_SETTINGS.contains(name));
        return environment;
    }

    private static String readAll(Process process) {
        try {
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
