package dev.gatehouse.captcha;

import java.util.List;

/**
 * The widget a login page shows, by provider: its script, the global object its script defines, the
 * form field its widget fills in, and what the page's Content-Security-Policy must allow for it (as
 * each provider documents). The server side is the same siteverify call for all three.
 */
public enum Provider {
    RECAPTCHA("https://www.google.com/recaptcha/api.js", "grecaptcha", "g-recaptcha-response",
            List.of("https://www.google.com/recaptcha/", "https://www.gstatic.com/recaptcha/"),
            List.of("https://www.google.com/recaptcha/", "https://recaptcha.google.com/recaptcha/"),
            List.of(), List.of()),
    HCAPTCHA("https://js.hcaptcha.com/1/api.js", "hcaptcha", "h-captcha-response",
            List.of("https://hcaptcha.com", "https://*.hcaptcha.com"),
            List.of("https://hcaptcha.com", "https://*.hcaptcha.com"),
            List.of("https://hcaptcha.com", "https://*.hcaptcha.com"),
            List.of("https://hcaptcha.com", "https://*.hcaptcha.com")),
    TURNSTILE("https://challenges.cloudflare.com/turnstile/v0/api.js", "turnstile", "cf-turnstile-response",
            List.of("https://challenges.cloudflare.com"), List.of("https://challenges.cloudflare.com"),
            List.of(), List.of());

    private final String script;
    private final String api;
    private final String responseField;
    private final List<String> scriptSources;
    private final List<String> frameSources;
    private final List<String> styleSources;
    private final List<String> connectSources;

    Provider(String script, String api, String responseField, List<String> scriptSources, List<String> frameSources,
            List<String> styleSources, List<String> connectSources) {
        this.script = script;
        this.api = api;
        this.responseField = responseField;
        this.scriptSources = scriptSources;
        this.frameSources = frameSources;
        this.styleSources = styleSources;
        this.connectSources = connectSources;
    }

    /** The script URL, without query: the page adds explicit rendering and its onload callback. */
    public String script() {
        return script;
    }

    /** The global object the script defines ({@code render}, {@code getResponse}, {@code reset} alike). */
    public String api() {
        return api;
    }

    /** The field the widget adds to its form, which a plain HTML form post carries. */
    public String responseField() {
        return responseField;
    }

    public List<String> scriptSources() {
        return scriptSources;
    }

    public List<String> frameSources() {
        return frameSources;
    }

    public List<String> styleSources() {
        return styleSources;
    }

    public List<String> connectSources() {
        return connectSources;
    }
}
