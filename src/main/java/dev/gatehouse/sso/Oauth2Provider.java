package dev.gatehouse.sso;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.oauth2.sdk.AuthorizationRequest;
import com.nimbusds.oauth2.sdk.ResponseType;
import com.nimbusds.oauth2.sdk.Scope;
import com.nimbusds.oauth2.sdk.id.ClientID;
import com.nimbusds.oauth2.sdk.id.State;
import com.nimbusds.oauth2.sdk.pkce.CodeChallengeMethod;
import com.nimbusds.oauth2.sdk.pkce.CodeVerifier;
import com.nimbusds.openid.connect.sdk.Nonce;

/**
 * One configured plain OAuth2 provider (GitHub, Discord, ...): no ID token, so who signed in is what
 * its userinfo endpoint says to the access token the code was exchanged for, over TLS from the
 * provider itself. The code is exchanged with the PKCE verifier and the client secret (HTTP Basic or in
 * the form). The subject is the configured id field, never the address; an address counts as verified
 * only when the provider says so in the configured field (or, GitHub, in its list of addresses).
 */
final class Oauth2Provider implements SsoProvider {

    private static final Logger LOG = Logger.getLogger(Oauth2Provider.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final SsoConfig.Oauth2 config;
    private final Oauth2Settings settings;
    private final RoleMapping roles;
    private final ProviderHttp http;

    Oauth2Provider(String name, SsoConfig.Oauth2 config, Duration timeout) {
        this.name = name;
        this.config = config;
        this.settings = Oauth2Settings.resolve(name, config);
        this.roles = RoleMapping.of(name, config);
        this.http = new ProviderHttp(name, timeout);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String label() {
        return settings.label();
    }

    @Override
    public boolean linkByEmail() {
        return config.linkByEmail();
    }

    Oauth2Settings settings() {
        return settings;
    }

    /** No nonce: there is no ID token to carry it back. */
    @Override
    public URI authorizationUrl(URI callback, State state, Nonce nonce, CodeVerifier verifier) {
        AuthorizationRequest.Builder request = new AuthorizationRequest.Builder(ResponseType.CODE, new ClientID(config.clientId()))
                .endpointURI(settings.authorizationUrl()).redirectionURI(callback).state(state)
                .codeChallenge(verifier, CodeChallengeMethod.S256);
        if (!settings.scopes().isEmpty()) {
            request.scope(new Scope(settings.scopes().toArray(String[]::new)));
        }
        return request.build().toURI();
    }

    @Override
    public ProviderIdentity identity(LoginStates.Pending pending, String code) {
        String accessToken = accessToken(pending, code);
        JsonNode user = userinfo(accessToken);
        String subject = subject(at(user, settings.idField()));
        Optional<String> email = settings.emailField().map(path -> at(user, path)).flatMap(Oauth2Provider::text)
                .flatMap(text -> ProviderIdentity.email(Optional.of(text)));
        boolean verified = email.isPresent() && settings.emailVerifiedField().map(path -> isTrue(at(user, path))).orElse(false);
        Optional<String> primary = settings.emailsUrl().flatMap(url -> primaryVerifiedEmail(url, accessToken));
        if (primary.isPresent()) {
            email = primary;
            verified = true;
        }
        Optional<String> displayName = ProviderIdentity.displayName(
                settings.nameFields().stream().map(path -> text(at(user, path))).flatMap(Optional::stream).findFirst());
        @SuppressWarnings("unchecked") // a JSON object is a map of names to plain values: no type to reflect on
        Map<String, Object> claims = JSON.convertValue(user, Map.class);
        return new ProviderIdentity(subject, email, verified, displayName, roles.rolesFor(claims), Optional.empty());
    }

    @Override
    public Optional<String> logoutOrigin() {
        return Optional.empty();
    }

    /** Plain OAuth2 has no logout endpoint: the session here ends, the provider's stays. */
    @Override
    public Optional<String> endSessionUrl() {
        return Optional.empty();
    }

    private String accessToken(LoginStates.Pending pending, String code) {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "authorization_code");
        form.put("code", code);
        form.put("redirect_uri", pending.redirectUri());
        form.put("code_verifier", pending.codeVerifier());
        form.put("client_id", config.clientId());
        HttpRequest.Builder request = HttpRequest.newBuilder(settings.tokenUrl())
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "application/json");
        if (settings.basicAuth()) {
            // RFC 6749 2.3.1: both halves form-encoded before they are joined.
            String pair = encode(config.clientId()) + ":" + encode(config.clientSecret());
            request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8)));
        } else {
            form.put("client_secret", config.clientSecret());
        }
        String body = form.entrySet().stream().map(entry -> encode(entry.getKey()) + "=" + encode(entry.getValue()))
                .collect(Collectors.joining("&"));
        ProviderHttp.Answer answer = http.send(request.POST(HttpRequest.BodyPublishers.ofString(body)));
        if (answer.status() >= 500) {
            LOG.warnf("Token endpoint of %s answered %d", name, answer.status());
            throw SsoFailure.unavailable("provider_unavailable");
        }
        JsonNode tokens = object(answer, "bad_token_response");
        if (tokens.hasNonNull("error")) {
            // GitHub says so with a 200: the error field decides, not the status.
            String why = tokens.get("error").asText();
            LOG.debugf("Token endpoint of %s refused the code: %s", name, why);
            throw SsoFailure.refused("token_" + Reasons.code(why));
        }
        Optional<String> token = text(tokens.get("access_token"));
        if (answer.status() != 200 || token.isEmpty()) {
            throw SsoFailure.refused("no_access_token");
        }
        Optional<String> type = text(tokens.get("token_type"));
        if (type.isPresent() && !type.get().equalsIgnoreCase("bearer")) {
            throw SsoFailure.refused("unsupported_token_type");
        }
        return token.get();
    }

    private JsonNode userinfo(String accessToken) {
        ProviderHttp.Answer answer = http.send(authorized(settings.userinfoUrl(), accessToken));
        if (answer.status() >= 500 || answer.status() == 429) {
            LOG.warnf("Userinfo endpoint of %s answered %d", name, answer.status());
            throw SsoFailure.unavailable("provider_unavailable");
        }
        if (answer.status() != 200) {
            throw SsoFailure.refused("userinfo_refused");
        }
        return object(answer, "bad_userinfo_response");
    }

    /**
     * GitHub's list of addresses: the primary one, when GitHub verified it. Without the scope, or with
     * no such address, there is none, and the sign-in goes on without a verified address.
     */
    private Optional<String> primaryVerifiedEmail(URI url, String accessToken) {
        ProviderHttp.Answer answer = http.send(authorized(url, accessToken));
        if (answer.status() >= 500 || answer.status() == 429) {
            throw SsoFailure.unavailable("provider_unavailable");
        }
        if (answer.status() != 200) {
            LOG.debugf("Address list of %s answered %d: no verified address", name, answer.status());
            return Optional.empty();
        }
        JsonNode list = parse(answer.body()).orElse(null);
        if (list == null || !list.isArray()) {
            return Optional.empty();
        }
        for (JsonNode entry : list) {
            if (isTrue(entry.get("primary")) && isTrue(entry.get("verified"))) {
                return text(entry.get("email")).flatMap(text -> ProviderIdentity.email(Optional.of(text)));
            }
        }
        return Optional.empty();
    }

    private static HttpRequest.Builder authorized(URI url, String accessToken) {
        return HttpRequest.newBuilder(url).header("Authorization", "Bearer " + accessToken).header("Accept", "application/json")
                .GET();
    }

    private static JsonNode object(ProviderHttp.Answer answer, String reason) {
        return parse(answer.body()).filter(JsonNode::isObject).orElseThrow(() -> SsoFailure.refused(reason));
    }

    private static Optional<JsonNode> parse(byte[] body) {
        try {
            return Optional.ofNullable(JSON.readTree(body));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** The id as text: a string as it is, a whole number in decimal (GitHub's ids are numbers). */
    private static String subject(JsonNode id) {
        if (id != null && id.isIntegralNumber()) {
            return id.bigIntegerValue().toString();
        }
        return text(id).map(String::strip).filter(text -> !text.isEmpty()).orElseThrow(() -> SsoFailure.refused("no_subject"));
    }

    /** Only a true boolean, or the text "true", says yes. */
    static boolean isTrue(JsonNode value) {
        return value != null && (value.isBoolean() && value.booleanValue()
                || value.isTextual() && value.textValue().equals("true"));
    }

    private static Optional<String> text(JsonNode value) {
        return value != null && value.isTextual() && !value.textValue().isBlank() ? Optional.of(value.textValue()) : Optional.empty();
    }

    private static JsonNode at(JsonNode node, List<String> path) {
        JsonNode current = node;
        for (String step : path) {
            if (current == null || !current.isObject()) {
                return null;
            }
            current = current.get(step);
        }
        return current;
    }

    private static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }
}
