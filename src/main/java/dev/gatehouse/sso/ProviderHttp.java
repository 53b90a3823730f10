package dev.gatehouse.sso;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Flow;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jboss.logging.Logger;

/**
 * Calls to a provider's own endpoints, each bounded: the whole call (connecting, waiting, reading)
 * within {@link SsoConfig#timeout()}, the answer within {@link #MAX_BYTES}, and no redirect followed,
 * so that a provider slow, chatty or sending us elsewhere costs a sign-in, never the server.
 */
final class ProviderHttp {

    /** An answer from a provider: its status and body. */
    record Answer(int status, byte[] body) {
    }

    private static final Logger LOG = Logger.getLogger(ProviderHttp.class);
    /** Token and userinfo answers are a few kilobytes; anything this large is no such answer. */
    static final int MAX_BYTES = 256 * 1024;

    private final String provider;
    private final Duration timeout;
    private final HttpClient client;

    ProviderHttp(String provider, Duration timeout) {
        this.provider = provider;
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The answer; {@link SsoFailure#unavailable} when none comes in time, refused when it is too large. */
    Answer send(HttpRequest.Builder request) {
        CompletableFuture<HttpResponse<byte[]>> call = client.sendAsync(request.timeout(timeout).header("User-Agent", "Gatehouse").build(),
                info -> new Limited(MAX_BYTES));
        try {
            HttpResponse<byte[]> response = call.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return new Answer(response.statusCode(), response.body());
        } catch (TimeoutException e) {
            call.cancel(true);
            LOG.warnf("Provider %s did not answer within %s", provider, timeout);
            throw SsoFailure.unavailable("provider_unreachable");
        } catch (InterruptedException e) {
            call.cancel(true);
            Thread.currentThread().interrupt();
            throw SsoFailure.unavailable("provider_unreachable");
        } catch (ExecutionException e) {
            if (tooLarge(e)) {
                LOG.warnf("Provider %s answered more than %d bytes", provider, MAX_BYTES);
                throw SsoFailure.refused("oversized_answer");
            }
            LOG.warnf("Provider %s unreachable: %s", provider, e.getCause() instanceof IOException io ? io.toString() : String.valueOf(e.getCause()));
            throw SsoFailure.unavailable("provider_unreachable");
        }
    }

    private static boolean tooLarge(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof TooLarge) {
                return true;
            }
        }
        return false;
    }

    private static final class TooLarge extends IOException {
        TooLarge() {
            super("answer too large", null);
        }
    }

    /** Collects the body, and gives up as soon as it grows past {@code max}. */
    private static final class Limited implements HttpResponse.BodySubscriber<byte[]> {

        private final int max;
        private final ByteArrayOutputStream body = new ByteArrayOutputStream();
        private final CompletableFuture<byte[]> result = new CompletableFuture<>();
        private Flow.Subscription subscription;

        Limited(int max) {
            this.max = max;
        }

        @Override
        public CompletionStage<byte[]> getBody() {
            return result;
        }

        @Override
        public void onSubscribe(Flow.Subscription subscription) {
            this.subscription = subscription;
            subscription.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(List<ByteBuffer> items) {
            if (result.isDone()) {
                return;
            }
            for (ByteBuffer item : items) {
                if (body.size() + item.remaining() > max) {
                    subscription.cancel();
                    result.completeExceptionally(new TooLarge());
                    return;
                }
                byte[] bytes = new byte[item.remaining()];
                item.get(bytes);
                body.write(bytes, 0, bytes.length);
            }
        }

        @Override
        public void onError(Throwable error) {
            result.completeExceptionally(error);
        }

        @Override
        public void onComplete() {
            result.complete(body.toByteArray());
        }
    }
}
