package dev.gatehouse.signin;

import dev.gatehouse.authn.Identity;
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

    public SelfServicePages(Brand brand, SigninPages pages) {
        this.pages = pages;
        Map<String, String> fixed = Map.of("brand", brand.nameHtml(), "logo", brand.logoHtml(),
                "password-hint", Html.escape(PASSWORD_HINT));
        this.signup = PageTemplate.load("/gatehouse/signup.html").fill(fixed);
        this.reset = PageTemplate.load("/gatehouse/reset.html").fill(fixed);
        this.account = PageTemplate.load("/gatehouse/account.html").fill(fixed);
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
