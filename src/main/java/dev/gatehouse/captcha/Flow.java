package dev.gatehouse.captcha;

import java.util.Locale;

/**
 * The requests a CAPTCHA can guard, named in {@code GATEHOUSE_CAPTCHA_FLOWS} by their lower-case
 * names. Each endpoint passes its own flow to {@link CaptchaGuard#require}.
 */
public enum Flow {
    /** Creating an account. */
    SIGNUP,
    /** Asking for a password reset ("forgot password"). */
    FORGOT,
    /** Asking for a sign-in code by mail: {@code POST /auth/otp/request}. */
    OTP,
    /** Browser sign-in with a password: {@code POST /auth/session}, JSON and form. */
    SESSION,
    /** Token login with a password: {@code POST /auth/login}. */
    LOGIN;

    /** The name used in configuration, e.g. {@code otp}. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }
}
