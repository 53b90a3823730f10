package dev.gatehouse.signin;

import dev.gatehouse.authn.Identity;
import dev.gatehouse.captcha.CaptchaGuard;
import dev.gatehouse.captcha.Flow;
import dev.gatehouse.platform.Html;
import dev.gatehouse.problem.ProblemException;
import dev.gatehouse.user.PasswordPolicy;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;

import io.quarkus.runtime.Startup;

/**
 * The pages people use on their own accounts: creating one ({@code /signup}), resetting a forgotten
 * password ({@code /reset}) and their account ({@code /account}: sessions, password, sign out). Their
 * scripts do the work through the JSON endpoints of {@code dev.gatehouse.account}; the pages only carry
 * the brand, the way back to the login page and who is signed in. Same look and policy as the login page.
 */
@Startup
@Singleton
public class SelfServicePages {

    static final String PASSWORD_HINT = "Use at least " + PasswordPolicy.MIN_LENGTH
            + " characters. A few unrelated words make a password that is strong and easy to remember.";

    private final SigninPages pages;
    private final PageTemplate signup;
    private final PageTemplate reset;
    private final PageTemplate account;
    private final String signupPolicy;
    private final String resetPolicy;

    public SelfServicePages(Brand brand, SigninPages pages, CaptchaGuard captcha) {
        this.pages = pages;
        Map<String, String> fixed = Map.of("brand", brand.nameHtml(), "logo", brand.logoHtml(),
                "password-hint", Html.escape(PASSWORD_HINT));
        Optional<CaptchaGuard.Widget> signupWidget = captcha.widgetFor(Flow.SIGNUP);
        Optional<CaptchaGuard.Widget> forgotWidget = captcha.widgetFor(Flow.FORGOT);
        this.signup = PageTemplate.load("/gatehouse/signup.html").fill(fixed).fill(widget("signup", signupWidget));
        this.reset = PageTemplate.load("/gatehouse/reset.html").fill(fixed).fill(widget("forgot", forgotWidget));
        this.account = PageTemplate.load("/gatehouse/account.html").fill(fixed);
        this.signupPolicy = pages.contentSecurityPolicy(signupWidget.map(CaptchaGuard.Widget::provider));
        this.resetPolicy = pages.contentSecurityPolicy(forgotWidget.map(CaptchaGuard.Widget::provider));
    }

    /** The widget of a page's first form, and its provider's script, when the flow requires a CAPTCHA. */
    private static Map<String, String> widget(String flow, Optional<CaptchaGuard.Widget> widget) {
        return Map.of("captcha-" + flow, SigninPages.widgetHtml(widget, 6),
                "captcha-script", SigninPages.scriptHtml(widget.map(CaptchaGuard.Widget::provider)));
    }

    /** The signup page's answer, under a policy that lets in its CAPTCHA widget when it has one. */
    jakarta.ws.rs.core.Response.ResponseBuilder signupHtml(String rd) {
        return SigninPages.html(200, signup(rd), signupPolicy);
    }

    /** The reset page's answer, likewise. */
    jakarta.ws.rs.core.Response.ResponseBuilder resetHtml(String rd) {
        return SigninPages.html(200, reset(rd), resetPolicy);
    }

    /** The signup page; a 404 problem where people may not sign up. */
    String signup(String rd) {
        if (!pages.signupEnabled()) {
            throw new ProblemException(404, "Not Found", "Signing up is not enabled here.");
        }
        return signup.render(Map.of("login-href", loginHref(rd)));
    }

    String reset(String rd) {
        return reset.render(Map.of("login-href", loginHref(rd)));
    }

    String account(Identity identity) {
        return account.render(Map.of("username", Html.escape(identity.username())));
    }

    private static String loginHref(String rd) {
        return Html.escape(SigninPages.loginUrl(Optional.ofNullable(rd)));
    }
}
