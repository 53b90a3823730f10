package dev.gatehouse.captcha;

import java.time.Duration;
import java.util.Optional;
import java.util.Set;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * A CAPTCHA on the flows bots abuse: answers are checked with the siteverify API that reCAPTCHA v2,
 * hCaptcha and Turnstile share. Off unless both {@link #verifyUrl()} and {@link #secret()} are set;
 * setting only one of them stops the start, so that a typo never leaves it silently off.
 */
@ConfigMapping(prefix = "gatehouse.captcha")
public interface CaptchaConfig {

    /**
     * The siteverify URL ({@code GATEHOUSE_CAPTCHA_VERIFY_URL}), e.g.
     * {@code https://challenges.cloudflare.com/turnstile/v0/siteverify},
     * {@code https://www.google.com/recaptcha/api/siteverify} or {@code https://api.hcaptcha.com/siteverify}.
     * Default: none, CAPTCHA off. Gatehouse believes whatever answers here: use HTTPS.
     */
    Optional<String> verifyUrl();

    /**
     * The secret key the provider gave ({@code GATEHOUSE_CAPTCHA_SECRET}, or a file named by
     * {@code GATEHOUSE_CAPTCHA_SECRET_FILE}). Default: none, CAPTCHA off. Sent only to
     * {@link #verifyUrl()} and never logged; whoever has it can spend the site's verification quota.
     */
    Optional<String> secret();

    /**
     * The flows that require a {@code captcha} field ({@code GATEHOUSE_CAPTCHA_FLOWS}, comma-separated:
     * {@code signup}, {@code forgot}, {@code otp}, {@code session}, {@code login}). Default
     * {@code signup,forgot,otp}: the requests that create accounts or send mail. Adding {@code session}
     * or {@code login} slows password guessing further, at the cost of a challenge on every sign-in
     * (and {@code login} breaks scripts that fetch tokens).
     */
    @WithDefault("signup,forgot,otp")
    Set<Flow> flows();

    /**
     * The public site key ({@code GATEHOUSE_CAPTCHA_SITE_KEY}). When set, the login page shows the
     * widget on its forms of the listed flows; it needs {@link #provider()} and the verification.
     * Default: none, the page shows no widget (for front-ends that render their own).
     */
    Optional<String> siteKey();

    /**
     * Whose widget the login page loads ({@code GATEHOUSE_CAPTCHA_PROVIDER}: {@code recaptcha},
     * {@code hcaptcha} or {@code turnstile}); the page's Content-Security-Policy then allows that
     * provider's script and frame origins, and no others. Default: none; required with a site key.
     */
    Optional<Provider> provider();

    /**
     * How long one check may take, connecting included ({@code GATEHOUSE_CAPTCHA_TIMEOUT}). Default 5s;
     * beyond it the request gets 503 with {@code Retry-After}, never a pass.
     */
    @WithDefault("5s")
    Duration timeout();
}
