package dev.gatehouse.saml;

import java.security.SecureRandom;

import jakarta.inject.Singleton;

import dev.gatehouse.http.RequestOrigin;
import dev.gatehouse.platform.StateConfig;
import dev.gatehouse.sso.SsoConfig;
import io.vertx.core.http.HttpServerRequest;

/**
 * Gatehouse as a SAML service provider: its entity id, its assertion consumer URL and its key. The
 * URLs are built on {@code GATEHOUSE_SSO_PUBLIC_URL}, or on the request's origin as the trusted proxy
 * reports it; the identity provider only posts to the consumer URL registered with it, and Gatehouse
 * only accepts responses whose Destination and Recipient are exactly that URL.
 */
@Singleton
class ServiceProvider {

    static final String METADATA_PATH = "/auth/saml/metadata";
    static final String ACS_PATH = "/auth/saml/acs";
    static final String SLO_PATH = "/auth/saml/slo";

    private final SamlConfig config;
    private final SsoConfig sso;
    private final StateConfig state;
    private final SecureRandom random;
    private final RequestOrigin requestOrigin;
    private volatile SpKeys keys;

    ServiceProvider(SamlConfig config, SsoConfig sso, StateConfig state, SecureRandom random, RequestOrigin requestOrigin) {
        this.config = config;
        this.sso = sso;
        this.state = state;
        this.random = random;
        this.requestOrigin = requestOrigin;
    }

    String origin(HttpServerRequest request) {
        return sso.publicUrl().map(url -> url.endsWith("/") ? url.substring(0, url.length() - 1) : url)
                .orElseGet(() -> requestOrigin.of(request));
    }

    String entityId(HttpServerRequest request) {
        return config.spEntityId().filter(id -> !id.isBlank()).orElseGet(() -> origin(request) + METADATA_PATH);
    }

    String acsUrl(HttpServerRequest request) {
        return origin(request) + ACS_PATH;
    }

    String sloUrl(HttpServerRequest request) {
        return origin(request) + SLO_PATH;
    }

    SpKeys keys() {
        SpKeys loaded = keys;
        if (loaded == null) {
            synchronized (this) {
                if (keys == null) {
                    keys = SpKeys.load(config, state, random);
                }
                loaded = keys;
            }
        }
        return loaded;
    }
}
