package dev.gatehouse.captcha;

import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;

import dev.gatehouse.problem.Problem;
import dev.gatehouse.problem.ProblemException;
import io.quarkus.runtime.Startup;

/**
 * Requires a solved CAPTCHA on the configured flows. Every guarded endpoint calls
 * {@link #require(Flow, String, String)} once its own input is valid (a refused request should not
 * spend the person's answer) and before it does anything. Created at start, so that a half-made
 * configuration stops Gatehouse there and then.
 */
@Startup
@Singleton
public class CaptchaGuard {

    /** The page's widget: whose, and with which public key. */
    public record Widget(Provider provider, String siteKey) {
    }

    /** Tokens are a few hundred to about 2 000 characters; a longer one is refused without asking. */
    static final int MAX_ANSWER_LENGTH = 4096;
    /** The rule ids in a refusal's {@code errors}, so that a page can tell a CAPTCHA failure from others. */
    public static final String MISSING_RULE = "captcha-missing";
    public static final String REFUSED_RULE = "captcha-refused";
    static final String RETRY_AFTER_SECONDS = "5";

    private static final Pattern IP_LITERAL = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private final Set<Flow> flows;
    private final Optional<Siteverify> verifier;
    private final Optional<Widget> widget;

    public CaptchaGuard(CaptchaConfig config) {
        Optional<String> url = config.verifyUrl().filter(value -> !value.isBlank());
        Optional<String> secret = config.secret().filter(value -> !value.isBlank());
        if (url.isPresent() != secret.isPresent()) {
            throw new IllegalStateException("GATEHOUSE_CAPTCHA_VERIFY_URL and GATEHOUSE_CAPTCHA_SECRET go together: "
                    + "set both to require a CAPTCHA, or neither");
        }
        if (!config.timeout().isPositive()) {
            throw new IllegalStateException("GATEHOUSE_CAPTCHA_TIMEOUT must be positive, e.g. 5s");
        }
        this.verifier = url.map(u -> new Siteverify(verifyUri(u), secret.orElseThrow(), config.timeout()));
        this.flows = verifier.isPresent() && !config.flows().isEmpty() ? EnumSet.copyOf(config.flows()) : EnumSet.noneOf(Flow.class);
        this.widget = widget(config, verifier.isPresent());
    }

    private static URI verifyUri(String value) {
        try {
            URI uri = URI.create(value.trim());
            if (("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // not a URL at all: the same message
        }
        throw new IllegalStateException("GATEHOUSE_CAPTCHA_VERIFY_URL must be an absolute http(s) URL, such as "
                + "https://challenges.cloudflare.com/turnstile/v0/siteverify");
    }

    private static Optional<Widget> widget(CaptchaConfig config, boolean verified) {
        Optional<String> siteKey = config.siteKey().filter(value -> !value.isBlank());
        if (siteKey.isEmpty()) {
            return Optional.empty();
        }
        if (!verified) {
            throw new IllegalStateException("GATEHOUSE_CAPTCHA_SITE_KEY needs GATEHOUSE_CAPTCHA_VERIFY_URL and "
                    + "GATEHOUSE_CAPTCHA_SECRET: a widget whose answers nobody checks stops nothing");
        }
        Provider provider = config.provider().orElseThrow(() -> new IllegalStateException(
                "GATEHOUSE_CAPTCHA_SITE_KEY needs GATEHOUSE_CAPTCHA_PROVIDER: recaptcha, hcaptcha or turnstile"));
        return Optional.of(new Widget(provider, siteKey.get().trim()));
    }

    /** Whether {@code flow} needs a CAPTCHA: verification is configured and the flow is listed. */
    public boolean required(Flow flow) {
        return flows.contains(flow);
    }

    /** The widget a page shows on the forms of {@code flow}, when a site key is configured and the flow needs one. */
    public Optional<Widget> widgetFor(Flow flow) {
        return required(flow) ? widget : Optional.empty();
    }

    /** The widget the login page may show at all, for its Content-Security-Policy. */
    public Optional<Widget> widget() {
        return widget;
    }

    /**
     * Returns when {@code flow} needs no CAPTCHA or {@code captcha} is a solved one. Otherwise throws a
     * {@link ProblemException}: 400 for a missing or refused answer, 503 with {@code Retry-After} when
     * the verifier cannot be asked (unreachable, slow, or answering nonsense): then nobody passes.
     * Blocks for up to the configured timeout.
     *
     * @param captcha       the widget's token, as the request carried it
     * @param clientAddress the person's address ({@code ClientAddress}), passed on as {@code remoteip}
     */
    public void require(Flow flow, String captcha, String clientAddress) {
        if (!required(flow)) {
            return;
        }
        if (captcha == null || captcha.isBlank()) {
            throw refusal(MISSING_RULE, "captcha is required: solve the CAPTCHA and send its answer.");
        }
        if (captcha.length() > MAX_ANSWER_LENGTH) {
            throw refusal(REFUSED_RULE, "The CAPTCHA answer was not accepted. Solve it again.");
        }
        switch (verifier.orElseThrow().check(captcha, remoteIp(clientAddress))) {
            case PASSED -> {
            }
            case REFUSED -> throw refusal(REFUSED_RULE, "The CAPTCHA answer was not accepted. Solve it again.");
            case UNAVAILABLE -> throw new ProblemException(Problem.of(503, "Service Unavailable",
                    "The CAPTCHA cannot be checked right now. Retry shortly."), Map.of("Retry-After", RETRY_AFTER_SECONDS));
        }
    }

    private static ProblemException refusal(String rule, String detail) {
        return new ProblemException(Problem.of(400, "Bad Request", detail).withErrors(List.of(new Problem.Error(rule, detail))),
                Map.of());
    }

    /** Only an IP literal is worth passing on; "unix" (no proxy header on the socket) is not one. */
    static Optional<String> remoteIp(String clientAddress) {
        return Optional.ofNullable(clientAddress).filter(address -> IP_LITERAL.matcher(address).matches())
                .filter(address -> address.contains(".") || address.contains(":"));
    }

    @PreDestroy
    void close() {
        verifier.ifPresent(Siteverify::close);
    }
}
