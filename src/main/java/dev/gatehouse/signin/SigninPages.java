package dev.gatehouse.signin;

import dev.gatehouse.captcha.CaptchaGuard;
import dev.gatehouse.captcha.Flow;
import dev.gatehouse.captcha.Provider;
import dev.gatehouse.otp.OtpConfig;
import dev.gatehouse.platform.Html;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.inject.Singleton;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.arc.All;
import io.quarkus.runtime.Startup;

/**
 * The login and 403 pages, rendered from their templates with the brand once at start; per request only
 * the destination, the error and who is signed in are filled in, all escaped. The login page offers
 * sign-in by a mailed code too when that is configured ({@link OtpConfig#enabled()}), a CAPTCHA widget
 * on the forms whose flow requires one when a site key is configured, links to the password reset page,
 * and to the signup page when people may sign up ({@code gatehouse.signup.enabled}, read here as a
 * setting so that this package needs nothing of {@code dev.gatehouse.account}). Created at start, so
 * that an invalid brand setting stops Gatehouse there and then.
 */
@Startup
@Singleton
public class SigninPages {

    public static final String LOGIN_PATH = "/login";
    public static final String SIGNUP_PATH = "/signup";
    public static final String RESET_PATH = "/reset";
    public static final String ACCOUNT_PATH = "/account";

    /** What the login page may say about a step that went well ({@code ?notice=}); other values show nothing. */
    static final Map<String, String> NOTICES = Map.of("password-reset", "Your password is changed. Sign in with the new one.");

    private static final Pattern HOST_NAME = Pattern.compile("[a-z0-9]([a-z0-9.-]*[a-z0-9])?");
    private static final String FIELD_INVALID = " aria-invalid=\"true\" aria-describedby=\"error\"";

    private final PageTemplate login;
    private final PageTemplate forbidden;
    private final String brandHtml;
    private final String contentSecurityPolicy;
    private final String loginContentSecurityPolicy;
    private final boolean signupEnabled;
    private final Optional<String> logoOrigin;
    private final List<String> redirectDomains;
    private final List<String> externalFormTargets;
    private final PageTemplate signinError;
    private final List<ExternalSignins.Button> externalButtons;

    public SigninPages(Brand brand, SigninConfig signin, OtpConfig otp, CaptchaGuard captcha, @All List<ExternalSignins> externals,
            @ConfigProperty(name = "gatehouse.signup.enabled", defaultValue = "false") boolean signupEnabled) {
        ExternalSignins external = ExternalSignins.all(externals);
        Map<String, String> branding = Map.of("brand", brand.nameHtml(), "logo", brand.logoHtml());
        Optional<CaptchaGuard.Widget> sessionWidget = captcha.widgetFor(Flow.SESSION);
        Optional<CaptchaGuard.Widget> otpWidget = otp.enabled() ? captcha.widgetFor(Flow.OTP) : Optional.empty();
        Optional<Provider> widgetProvider = sessionWidget.or(() -> otpWidget).map(CaptchaGuard.Widget::provider);
        String codeSignin = otp.enabled()
                ? PageTemplate.load("/gatehouse/login-code.html").render(Map.of("captcha-otp", widgetHtml(otpWidget, 8)))
                : "";
        this.login = PageTemplate.load("/gatehouse/login.html").fill(branding).fill(Map.of("code-signin", codeSignin,
                "captcha-session", widgetHtml(sessionWidget, 6), "captcha-script", scriptHtml(widgetProvider)));
        this.forbidden = PageTemplate.load("/gatehouse/forbidden.html").fill(branding);
        this.brandHtml = brand.nameHtml();
        this.logoOrigin = brand.logoOrigin();
        this.redirectDomains = signin.allowedRedirectDomains().orElse(List.of());
        this.externalFormTargets = external.formTargets();
        this.contentSecurityPolicy = withFormTargets(contentSecurityPolicy(logoOrigin, redirectDomains), externalFormTargets);
        this.loginContentSecurityPolicy = withFormTargets(contentSecurityPolicy(logoOrigin, redirectDomains, widgetProvider),
                externalFormTargets);
        this.signupEnabled = signupEnabled;
        this.signinError = PageTemplate.load("/gatehouse/signin-error.html").fill(branding);
        this.externalButtons = List.copyOf(external.buttons());
    }

    /** Whether people may create their own accounts, and so whether there is a signup page. */
    boolean signupEnabled() {
        return signupEnabled;
    }

    /**
     * Where a form's widget goes: login.js renders it there once the provider's script has loaded, and
     * sends its answer as {@code captcha}.
     */
    static String widgetHtml(Optional<CaptchaGuard.Widget> widget, int indent) {
        return widget.map(w -> " ".repeat(indent) + "<div class=\"captcha\" data-captcha-sitekey=\"" + Html.escape(w.siteKey())
                + "\" data-captcha-api=\"" + w.provider().api() + "\"></div>\n").orElse("");
    }

    /** After login.js, which defines the onload callback: deferred scripts run in document order. */
    static String scriptHtml(Optional<Provider> provider) {
        return provider.map(p -> "  <script src=\"" + p.script() + "?render=explicit&amp;onload=gatehouseCaptchaReady\" defer></script>\n")
                .orElse("");
    }

    static String contentSecurityPolicy(Optional<String> logoOrigin, List<String> allowedRedirectDomains) {
        return contentSecurityPolicy(logoOrigin, allowedRedirectDomains, Optional.empty());
    }

    /**
     * Scripts, styles and requests from this origin only; images also from the logo's origin; forms post
     * here, and a form's redirect may go on to the allowed redirect domains (HTTPS), as login does. A
     * CAPTCHA widget adds its provider's script and frame origins (and style and connect ones, where the
     * provider asks for them); without one no frame may load.
     */
    static String contentSecurityPolicy(Optional<String> logoOrigin, List<String> allowedRedirectDomains, Optional<Provider> captcha) {
        String formTargets = allowedRedirectDomains.stream().map(domain -> domain.trim().toLowerCase(Locale.ROOT))
                .filter(domain -> HOST_NAME.matcher(domain).matches())
                .map(domain -> " https://" + domain + " https://*." + domain).distinct().collect(Collectors.joining());
        return "default-src 'none'; script-src 'self'" + sources(captcha, Provider::scriptSources)
                + "; style-src 'self'" + sources(captcha, Provider::styleSources)
                + "; connect-src 'self'" + sources(captcha, Provider::connectSources) + "; img-src 'self'"
                + logoOrigin.map(origin -> " " + origin).orElse("")
                + captcha.map(provider -> "; frame-src" + sources(captcha, Provider::frameSources)).orElse("")
                + "; form-action 'self'" + formTargets + "; base-uri 'none'; frame-ancestors 'none'";
    }

    private static String sources(Optional<Provider> provider, Function<Provider, List<String>> which) {
        return provider.map(which).orElse(List.of()).stream().map(source -> " " + source).collect(Collectors.joining());
    }

    /**
     * Browsers hold a form's redirects to {@code form-action} too: signing out by a form must be allowed
     * to go on to a provider's logout page.
     */
    static String withFormTargets(String policy, List<String> origins) {
        String extra = origins.stream().filter(origin -> origin.matches("https?://[A-Za-z0-9.:\\[\\]-]+"))
                .map(origin -> " " + origin).distinct().collect(Collectors.joining());
        return policy.replace("; form-action 'self'", "; form-action 'self'" + extra);
    }

    String contentSecurityPolicy() {
        return contentSecurityPolicy;
    }

    /**
     * The page a browser sees when a sign-in elsewhere went wrong: what happened, in a fixed sentence,
     * and the way back to the login page. Never a stack trace, never words from the request.
     */
    public Response signinError(int status, String message, Optional<String> rd) {
        return html(status, signinError.render(Map.of("status", Html.escape(statusLine(status)), "message", Html.escape(message),
                "login-href", Html.escape(loginUrl(rd.flatMap(SigninPages::keepable)))))).build();
    }

    private static String statusLine(int status) {
        return switch (status) {
            case 400 -> "400 Bad Request";
            case 401 -> "401 Unauthorized";
            case 403 -> "403 Forbidden";
            case 404 -> "404 Not Found";
            case 503 -> "503 Service Unavailable";
            default -> String.valueOf(status);
        };
    }

    /** An HTML answer under the pages' strict policy, never cached. */
    Response.ResponseBuilder html(int status, String page) {
        return html(status, page, contentSecurityPolicy);
    }

    /** The login page's answer: the same, but its policy lets in the CAPTCHA widget when it shows one. */
    Response.ResponseBuilder loginHtml(int status, String page) {
        return html(status, page, loginContentSecurityPolicy);
    }

    /** A page's policy when it shows {@code captcha}'s widget. */
    String contentSecurityPolicy(Optional<Provider> captcha) {
        return captcha.isEmpty() ? contentSecurityPolicy
                : withFormTargets(contentSecurityPolicy(logoOrigin, redirectDomains, captcha), externalFormTargets);
    }

    static Response.ResponseBuilder html(int status, String page, String policy) {
        return Response.status(status).entity(page).type(MediaType.TEXT_HTML_TYPE.withCharset("utf-8"))
                .header("Content-Security-Policy", policy)
                .header("X-Frame-Options", "DENY")
                .header("X-Content-Type-Options", "nosniff")
                // same-origin, not no-referrer: with no-referrer a browser's form post says "Origin: null".
                .header("Referrer-Policy", "same-origin")
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    /** The login page; {@code rd} goes back in the form as it came, and is checked when the form is sent. */
    String login(String rd, Optional<LoginError> error) {
        return login(rd, error, null);
    }

    /** The login page, saying {@code notice} (a key of {@link #NOTICES}) above the form when it is one. */
    String login(String rd, Optional<LoginError> error, String notice) {
        boolean fields = error.map(LoginError::aboutFields).orElse(false);
        Optional<String> keptRd = keepable(rd);
        Optional<String> noticeText = Optional.ofNullable(notice).map(NOTICES::get);
        return login.render(Map.of(
                "rd", Html.escape(keptRd.orElse("")),
                "notice", noticeText.map(Html::escape).orElse(""),
                "notice-hidden", noticeText.isPresent() ? "" : " hidden",
                "error", error.map(e -> Html.escape(e.message())).orElse(""),
                "error-hidden", error.isPresent() ? "" : " hidden",
                "field-state", fields ? FIELD_INVALID : "",
                "reset-href", Html.escape(pageUrl(RESET_PATH, keptRd)),
                "external-signin", externalSigninHtml(keptRd),
                "signup-link", signupEnabled
                        ? "\n        <a id=\"create-account\" href=\"" + Html.escape(pageUrl(SIGNUP_PATH, keptRd)) + "\">Create an account</a>"
                        : ""));
    }

    /** A "Sign in with" button per provider, each carrying the destination. */
    private String externalSigninHtml(Optional<String> rd) {
        if (externalButtons.isEmpty()) {
            return "";
        }
        StringBuilder html = new StringBuilder("    <div class=\"actions external-signin\" id=\"external-signin\">\n");
        for (ExternalSignins.Button button : externalButtons) {
            html.append("      <a class=\"button secondary\" href=\"").append(Html.escape(pageUrl(button.path(), rd)))
                    .append("\">Sign in with ").append(Html.escape(button.label())).append("</a>\n");
        }
        return html.append("    </div>\n").toString();
    }

    /** Who a 403 page is for: a signed-in person, nobody (the session ended meanwhile), or unknown (lookup failed). */
    sealed interface Visitor {
        record SignedIn(String username) implements Visitor {
        }

        record SignedOut() implements Visitor {
        }

        record Unknown() implements Visitor {
        }
    }

    /** The 403 page: who they are, that this location needs something else, and how to change account. */
    String forbidden(Visitor visitor, Optional<String> originalUrl) {
        Optional<String> rd = originalUrl.flatMap(SigninPages::keepable);
        String who = switch (visitor) {
            case Visitor.SignedIn signedIn -> "<p class=\"lead\" id=\"who\">You are signed in to " + brandHtml + " as <strong>"
                    + Html.escape(signedIn.username()) + "</strong>.</p>\n"
                    + "    <p>This location needs an account with another role. Sign out, or switch to an account that has access.</p>";
            case Visitor.SignedOut signedOut -> "<p class=\"lead\" id=\"who\">You are not signed in to " + brandHtml + ".</p>\n"
                    + "    <p>This location needs an account with access.</p>";
            case Visitor.Unknown unknown -> "<p class=\"lead\" id=\"who\">This location needs an account with another role.</p>\n"
                    + "    <p>Sign out, or switch to an account that has access.</p>";
        };
        String actions = visitor instanceof Visitor.SignedOut
                ? """
                <div class="actions">
                      <a class="button" id="sign-in" href="%s">Sign in</a>
                    </div>""".formatted(Html.escape(loginUrl(rd)))
                : """
                <div class="actions">
                      <form method="post" action="/auth/logout">
                        <input type="hidden" name="rd" value="%s">
                        <button id="switch-account" type="submit">Switch account</button>
                      </form>
                      <form method="post" action="/auth/logout">
                        <button id="sign-out" class="secondary" type="submit">Sign out</button>
                      </form>
                    </div>""".formatted(Html.escape(rd.orElse("")));
        return forbidden.render(Map.of("who", who, "actions", actions));
    }

    /** {@code /login}, with {@code ?rd=} when there is a destination worth keeping. */
    public static String loginUrl(Optional<String> rd) {
        return pageUrl(LOGIN_PATH, rd);
    }

    /** One of the pages' paths, with {@code ?rd=} when there is a destination worth keeping. */
    static String pageUrl(String path, Optional<String> rd) {
        return rd.flatMap(SigninPages::keepable)
                .map(target -> path + "?rd=" + URLEncoder.encode(target, StandardCharsets.UTF_8)).orElse(path);
    }

    /** A destination longer than any login accepts is not worth carrying. */
    static Optional<String> keepable(String rd) {
        return rd == null || rd.isEmpty() || rd.length() > RedirectPolicy.MAX_LENGTH ? Optional.empty() : Optional.of(rd);
    }
}
