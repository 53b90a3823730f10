package dev.gatehouse.saml;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.gatehouse.sso.SsoConfig;
import dev.gatehouse.sso.SsoFailure;

/**
 * The identity provider's metadata, read at the first sign-in rather than at start and kept for
 * {@link SamlConfig#metadataTtl()}: a provider that is down costs a 503 page, not a Gatehouse that
 * does not start. A read that fails later keeps the last good copy, so that a provider's short outage
 * does not also stop the sign-ins it could still answer.
 */
@Singleton
class IdentityProvider {

    private static final Logger LOG = Logger.getLogger(IdentityProvider.class);
    private static final int MAX_BYTES = 1024 * 1024;
    /** After a failed read, how long before the next one: a dead provider is not asked at every click. */
    private static final Duration RETRY = Duration.ofSeconds(10);

    private record Cached(IdpMetadata metadata, Instant readAt) {
    }

    private final SamlConfig config;
    private final Duration timeout;
    private final Clock clock;
    private volatile Cached cached;
    private volatile Instant failedAt = Instant.MIN;

    IdentityProvider(SamlConfig config, SsoConfig sso, Clock clock) {
        this.config = config;
        this.timeout = sso.timeout();
        this.clock = clock;
    }

    boolean enabled() {
        return config.idpMetadata().filter(text -> !text.isBlank()).isPresent();
    }

    /** The metadata; {@link SsoFailure#unavailable} when it has never been read and cannot be now. */
    IdpMetadata metadata() {
        Cached current = cached;
        Instant now = clock.instant();
        if (current != null && now.isBefore(current.readAt().plus(config.metadataTtl()))) {
            return current.metadata();
        }
        synchronized (this) {
            current = cached;
            if (current != null && now.isBefore(current.readAt().plus(config.metadataTtl()))) {
                return current.metadata();
            }
            if (now.isBefore(failedAt.plus(RETRY))) {
                return stale(current);
            }
            try {
                IdpMetadata read = IdpMetadata.parse(read(config.idpMetadata().orElseThrow().strip()));
                cached = new Cached(read, now);
                return read;
            } catch (IOException | SafeXml.Malformed | RuntimeException e) {
                // RuntimeException: a URL that is none, or metadata of a shape nobody expected.
                failedAt = now;
                LOG.warnf("Cannot read the SAML identity provider's metadata from %s: %s", config.idpMetadata().get(), e.getMessage());
                return stale(current);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw SsoFailure.unavailable("idp_metadata_unavailable");
            }
        }
    }

    private static IdpMetadata stale(Cached current) {
        if (current == null) {
            throw SsoFailure.unavailable("idp_metadata_unavailable");
        }
        return current.metadata();
    }

    private byte[] read(String where) throws IOException, InterruptedException {
        if (where.startsWith("https://") || where.startsWith("http://")) {
            try (HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build()) {
                HttpResponse<InputStream> answer = client.send(HttpRequest.newBuilder(URI.create(where)).timeout(timeout)
                        .header("Accept", "application/samlmetadata+xml, application/xml").GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                try (InputStream body = answer.body()) {
                    if (answer.statusCode() != 200) {
                        throw new IOException("HTTP " + answer.statusCode());
                    }
                    // Read one byte past the limit, never the whole of an endless answer.
                    return limited(body.readNBytes(MAX_BYTES + 1));
                }
            }
        }
        Path file = Path.of(where.startsWith("file:") ? URI.create(where).getPath() : where);
        return limited(Files.readAllBytes(file));
    }

    private static byte[] limited(byte[] body) throws IOException {
        if (body.length > MAX_BYTES) {
            throw new IOException("metadata larger than 1 MiB");
        }
        return body;
    }
}
