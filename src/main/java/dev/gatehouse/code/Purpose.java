package dev.gatehouse.code;

import java.util.Locale;

/**
 * What a code is for. Codes of different purposes never stand in for each other: each has its own
 * Redis keys, limits and mail. {@link #SIGNUP_TAKEN} mails a notice and no code.
 */
public enum Purpose {
    SIGN_IN("sign-in code", "Your %s sign-in code is:", "Enter it on the sign-in page."),
    SIGNUP("code to confirm your address", "Welcome to %s. The code that confirms your address is:",
            "Enter it to activate your account."),
    SIGNUP_TAKEN("notice", "Someone tried to sign up to %s with this address, which already has an account.",
            "If it was you, sign in or reset your password instead. If not, nothing changed and there is nothing to do."),
    RESET("password reset code", "The code to reset your %s password is:", "Enter it with your new password."),
    SET_PASSWORD("code to set your password", "An account on %s was made for you. The code to set its password is:",
            "Enter it with the password you choose, on the password reset page."),
    EMAIL_CHANGE("code to confirm your new address", "The code that confirms this new address for your %s account is:",
            "Your account keeps its old address until the code is entered.");

    private final String what;
    private final String opening;
    private final String instruction;

    Purpose(String what, String opening, String instruction) {
        this.what = what;
        this.opening = opening;
        this.instruction = instruction;
    }

    /** In Redis keys. */
    public String id() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public boolean carriesCode() {
        return this != SIGNUP_TAKEN;
    }

    String what() {
        return what;
    }

    String opening(String brand) {
        return opening.formatted(brand);
    }

    String instruction() {
        return instruction;
    }
}
