package dev.gatehouse.sso;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jboss.logging.Logger;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.oauth2.sdk.GeneralException;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.Issuer;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.AuthenticationRequest;
import com.nimbusds.openid.connect.sdk.Nonce;
import com.nimbusds.openid.connect.sdk.op.OIDCProviderMetadata;
import com.nimbusds.openid.connect.sdk.validators.IDTokenValidator;
import com.nimbusds.openid.connect.sdk.validators.LogoutTokenValidator;

import dev.gatehouse.http.UrlOrigin;

/**
 * One configured OpenID Connect provider. What its discovery document says is read on first use, not
 * at start (a provider that is down must not stop Gatehouse), and then kept for
 * {@link SsoConfig#discoveryTtl()}; a failed read is tried again at the next sign-in.
 */
final class OidcProvider implements SsoProvider {

    /** What discovery found, with the validators built on the provider's keys. */
    record Endpoints(OIDCProviderMetadata metadata, IDTokenValidator idTokens, LogoutTokenValidator logoutTokens,
            Instant readAt) {
    }

    private static final Logger LOG = Logger.getLogger(OidcProvider.class);
    /** A key set larger than this is no key set. */
    private static final int MAX_JWKS_BYTES = 256 * 1024;
    /** A token naming an unknown key makes the keys be read again, but at most this often. */
    private static final Duration KEY_REFETCH_INTERVAL = Duration.ofSeconds(30);
    /** Clocks drift: tokens a minute early or late still count. */
    private static final int MAX_CLOCK_SKEW_SECONDS = 60;

    private final String name;
    private final SsoConfig.Oidc config;
    private final RoleMapping roles;
    private final Duration timeout;
    private final Duration discoveryTtl;
    private final Clock clock;
    private final CodeExchange exchange;
    private final PlainHttpRule plainHttp;
    private final ReentrantLock discovering = new ReentrantLock();
    private volatile Endpoints endpoints;

    OidcProvider(String name, SsoConfig.Oidc config, Duration timeout, Duration discoveryTtl, Clock clock, CodeExchange exchange,
            PlainHttpRule plainHttp) {
        this.name = name;
        this.plainHttp = plainHttp;
        this.config = config;
        this.roles = RoleMapping.of(name, config);
        this.timeout = timeout;
        this.discoveryTtl = discoveryTtl;
        this.clock = clock;
        this.exchange = exchange;
    }

    @Override
    public String name() {
        return name;
    }

    SsoConfig.Oidc config() {
        return config;
    }

    RoleMapping roles() {
        return roles;
    }

    @Override
    public String label() {
        return config.label().filter(label -> !label.isBlank()).orElse(name);
    }

    @Override
    public boolean linkByEmail() {
        return config.linkByEmail();
    }

    @Override
    public URI authorizationUrl(URI callback, State state, Nonce nonce, CodeVerifier verifier) {
        Set<String> scopes = new LinkedHashSet<>();
        scopes.add("openid");
        config.scopes().stream().map(String::trim).filter(scope -> !scope.isEmpty()).forEach(scopes::add);
        return new AuthenticationRequest.Builder(ResponseType.CODE, new Scope(scopes.toArray(String[]::new)), clientId(), callback)
                .endpointURI(endpoints().metadata().getAuthorizationEndpointURI())
                .state(state).nonce(nonce).codeChallenge(verifier, CodeChallengeMethod.S256)
                .build().toURI();
    }

    @Override
    public ProviderIdentity identity(LoginStates.Pending pending, String code) {
        return exchange.exchange(this, pending, code);
    }

    @Override
    public Optional<String> logoutOrigin() {
        return UrlOrigin.of(config.issuer());
    }

    /**
     * The provider's logout page with our client id (and where to come back, when configured); empty
     * when it has none or cannot be read now: the session here has ended all the same.
     */
    @Override
    public Optional<String> endSessionUrl() {
        URI endpoint;
        try {
            endpoint = endpoints().metadata().getEndSessionEndpointURI();
        } catch (SsoFailure e) {
            return Optional.empty();
        }
        if (endpoint == null) {
            return Optional.empty();
        }
        StringBuilder url = new StringBuilder(endpoint.toString()).append(endpoint.getRawQuery() == null ? '?' : '&')
                .append("client_id=").append(encode(config.clientId()));
        config.postLogoutRedirectUri().ifPresent(uri -> url.append("&post_logout_redirect_uri=").append(encode(uri)));
        return Optional.of(url.toString());
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    ClientID clientId() {
        return new ClientID(config.clientId());
    }

    int timeoutMillis() {
        return (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    }

    /** The provider's endpoints and validators; {@link SsoFailure#unavailable} when it cannot be read. */
    Endpoints endpoints() {
        Endpoints known = endpoints;
        if (known != null && known.readAt().plus(discoveryTtl).isAfter(clock.instant())) {
            return known;
        }
        discovering.lock();
        try {
            known = endpoints;
            if (known != null && known.readAt().plus(discoveryTtl).isAfter(clock.instant())) {
                return known;
            }
            endpoints = discover();
            return endpoints;
        } catch (IOException | GeneralException | RuntimeException e) {
            LOG.warnf("OpenID provider %s: discovery at %s failed: %s", name, config.issuer(), e.toString());
            if (known != null) {
                // What was read before still holds better than nothing while the provider is away.
                return known;
            }
            throw SsoFailure.unavailable("provider_unreachable");
        } finally {
            discovering.unlock();
        }
    }

    private Endpoints discover() throws IOException, GeneralException {
        Issuer issuer = new Issuer(config.issuer());
        // resolve() also insists that the document names this very issuer.
        OIDCProviderMetadata metadata = OIDCProviderMetadata.resolve(issuer, timeoutMillis(), timeoutMillis());
        if (metadata.getJWKSetURI() == null || metadata.getTokenEndpointURI() == null
                || metadata.getAuthorizationEndpointURI() == null) {
            throw new GeneralException("the discovery document lacks jwks_uri, token_endpoint or authorization_endpoint");
        }
        // An https issuer may still name plain-http endpoints: their keys and tokens would be anyone's.
        List<URI> insecure = Stream.of(metadata.getJWKSetURI(), metadata.getTokenEndpointURI(),
                metadata.getAuthorizationEndpointURI(), metadata.getUserInfoEndpointURI(), metadata.getEndSessionEndpointURI())
                .filter(Objects::nonNull).filter(uri -> !plainHttp.allows(uri)).toList();
        if (!insecure.isEmpty()) {
            throw new GeneralException("the discovery document names plain-http endpoints " + insecure
                    + " (gatehouse.sso.plain-http-hosts)");
        }
        JWKSource<SecurityContext> keys = keySource(metadata);
        JWSVerificationKeySelector<SecurityContext> selector = new JWSVerificationKeySelector<>(algorithms(metadata), keys);
        IDTokenValidator idTokens = new IDTokenValidator(issuer, clientId(), selector, null);
        idTokens.setMaxClockSkew(MAX_CLOCK_SKEW_SECONDS);
        LogoutTokenValidator logoutTokens = new LogoutTokenValidator(issuer, clientId(), selector, null);
        logoutTokens.setMaxClockSkew(MAX_CLOCK_SKEW_SECONDS);
        return new Endpoints(metadata, idTokens, logoutTokens, clock.instant());
    }

    private JWKSource<SecurityContext> keySource(OIDCProviderMetadata metadata) throws MalformedURLException {
        DefaultResourceRetriever retriever = new DefaultResourceRetriever(timeoutMillis(), timeoutMillis(), MAX_JWKS_BYTES);
        return JWKSourceBuilder.<SecurityContext>create(metadata.getJWKSetURI().toURL(), retriever)
                .cache(discoveryTtl.toMillis(), timeout.toMillis())
                .rateLimited(KEY_REFETCH_INTERVAL.toMillis())
                .retrying(false)
                .build();
    }

    /**
     * The signature algorithms the provider announces, public-key ones only: an HMAC-signed ID token
     * would be signed with the client secret, and "none" is no signature. RS256 when it names none.
     */
    static Set<JWSAlgorithm> algorithms(OIDCProviderMetadata metadata) {
        List<JWSAlgorithm> announced = metadata.getIDTokenJWSAlgs() == null ? List.of() : metadata.getIDTokenJWSAlgs();
        Set<JWSAlgorithm> usable = announced.stream()
                .filter(alg -> JWSAlgorithm.Family.RSA.contains(alg) || JWSAlgorithm.Family.EC.contains(alg)
                        || JWSAlgorithm.Family.ED.contains(alg))
                .collect(Collectors.toSet());
        return usable.isEmpty() ? Set.of(JWSAlgorithm.RS256) : usable;
    }
}
