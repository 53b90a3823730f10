package dev.gatehouse.captcha;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One client of the siteverify API: a form POST of {@code secret}, {@code response} and
 * {@code remoteip}, answered with JSON whose {@code success} decides. Blocks for at most the timeout,
 * from connecting to the last byte, so call it from a virtual or worker thread. Logs neither the secret
 * nor the response token.
 */
final class Siteverify implements AutoCloseable {

    enum Verdict {
        PASSED, REFUSED, UNAVAILABLE
    }

    /** Real answers are a few hundred bytes; anything this large is not one. */
    static final int MAX_ANSWER_BYTES = 64 * 1024;

    private static final Logger LOG = Logger.getLogger(Siteverify.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern ERROR_CODE = Pattern.compile("[a-z0-9-]{1,64}");
    private static final List<String> SECRET_ERRORS = List.of("missing-input-secret", "invalid-input-secret");

    private final URI url;
    private final String secret;
    private final Duration timeout;
    private final HttpClient client;

    Siteverify(URI url, String secret, Duration timeout) {
        this.url = url;
        this.secret = secret;
        this.timeout = timeout;
        // One client for the life of the app: it keeps connections to the verifier open between checks.
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    Verdict check(String response, Optional<String> remoteIp) {
        String form = field("secret", secret) + "&" + field("response", response)
                + remoteIp.map(ip -> "&" + field("remoteip", ip)).orElse("");
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build();
        CompletableFuture<HttpResponse<byte[]>> answer = client.sendAsync(request, info -> new BoundedBody());
        try {
            // The request's own timeout ends with the headers; this bound covers the body too.
            return verdict(answer.get(timeout.toNanos(), TimeUnit.NANOSECONDS));
        } catch (TimeoutException e) {
            answer.cancel(true);
            return unavailable("no answer within " + timeout.toMillis() + " ms");
        } catch (ExecutionException e) {
            return unavailable(e.getCause() == null ? "failed" : e.getCause().getClass().getSimpleName());
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            return unavailable("interrupted");
        }
    }

    private Verdict verdict(HttpResponse<byte[]> response) {
        if (response.statusCode() < 200 || response.statusCode() > 299) {
            return unavailable("status " + response.statusCode());
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            return unavailable("an answer that is not JSON");
        }
        JsonNode success = body == null ? null : body.get("success");
        if (success == null || !success.isBoolean()) {
            return unavailable("an answer without a boolean success");
        }
        if (success.booleanValue()) {
            return Verdict.PASSED;
        }
        List<String> codes = errorCodes(body.get("error-codes"));
        if (codes.stream().anyMatch(SECRET_ERRORS::contains)) {
            LOG.warnf("The CAPTCHA verifier at %s refuses Gatehouse's secret (%s): every answer fails until "
                    + "GATEHOUSE_CAPTCHA_SECRET is corrected", url.getHost(), String.join(",", codes));
        } else {
            LOG.debugf("CAPTCHA answer refused: %s", codes);
        }
        return Verdict.REFUSED;
    }

    /** Only the provider's own short codes are logged, never text an answer could smuggle in. */
    private static List<String> errorCodes(JsonNode codes) {
        if (codes == null || !codes.isArray()) {
            return List.of();
        }
        List<String> logged = new ArrayList<>();
        for (JsonNode code : codes) {
            if (code.isTextual() && ERROR_CODE.matcher(code.textValue()).matches() && logged.size() < 8) {
                logged.add(code.textValue());
            }
        }
        return logged;
    }

    private Verdict unavailable(String why) {
        LOG.warnf("CAPTCHA verifier at %s unavailable: %s", url.getHost(), why);
        return Verdict.UNAVAILABLE;
    }

    private static String field(String name, String value) {
        return name + "=" + URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        client.shutdownNow();
    }

    /** Collects an answer of at most {@link #MAX_ANSWER_BYTES}, and gives up on a longer one. */
    private static final class BoundedBody implements HttpResponse.BodySubscriber<byte[]> {

        private final CompletableFuture<byte[]> body = new CompletableFuture<>();
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private java.util.concurrent.Flow.Subscription subscription;

        @Override
        public CompletionStage<byte[]> getBody() {
            return body;
        }

        @Override
        public void onSubscribe(java.util.concurrent.Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> buffers) {
            for (ByteBuffer buffer : buffers) {
                if (bytes.size() + buffer.remaining() > MAX_ANSWER_BYTES) {
                    subscription.cancel();
                    body.completeExceptionally(new IOException("answer longer than " + MAX_ANSWER_BYTES + " bytes"));
                    return;
                }
                byte[] chunk = new byte[buffer.remaining()];
                buffer.get(chunk);
                bytes.writeBytes(chunk);
            }
        }

        @Override
        public void onError(Throwable error) {
            body.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            body.complete(bytes.toByteArray());
        }
    }
}
