package dev.gatehouse.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.gatehouse.captcha.Provider;

class BrandTest {

    @ParameterizedTest(name = "{0} is loaded from {1}")
    @CsvSource(nullValues = "-", value = {
            "/logo.svg, -",
            "/static/brand/acme.png?v=2, -",
            "https://cdn.example.com/acme.svg, https://cdn.example.com",
            "HTTPS://CDN.Example.com:8443/a.png, https://cdn.example.com:8443" })
    void acceptsPathsAndHttpsUrls(String url, String origin) {
        assertEquals(Optional.ofNullable(origin), new Brand("Acme", Optional.of(url)).logoOrigin());
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://cdn.example.com/a.png", "data:image/svg+xml,<svg/>", "javascript:alert(1)",
            "//cdn.example.com/a.png", "logo.png", "https://user:pw@cdn.example.com/a.png", "https:///a.png",
            "/a b.png", "/a\\b.png", "ftp://cdn.example.com/a.png", "https://cdn.example.com/a.png\"onerror=x" })
    void refusesEverythingElse(String url) {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> new Brand("Acme", Optional.of(url)));
        assertEquals(true, refused.getMessage().startsWith("gatehouse.brand.logo-url"), refused.getMessage());
    }

    @Test
    void refusesABlankName() {
        assertThrows(IllegalArgumentException.class, () -> new Brand("  ", Optional.empty()));
    }

    @Test
    void escapesTheNameAndLogo() {
        Brand brand = new Brand(" Acme & <Co> ", Optional.of("/logo.svg?a=1&b=2"));
        assertEquals("Acme &amp; &lt;Co&gt;", brand.nameHtml());
        assertEquals("<img class=\"logo\" src=\"/logo.svg?a=1&amp;b=2\" alt=\"\">", brand.logoHtml());
        assertEquals("", new Brand("Acme", Optional.of(" ")).logoHtml());
    }

    @Test
    void thePolicyAllowsTheLogoOriginAndTheRedirectDomains() {
        assertEquals("default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
                + "img-src 'self' https://cdn.example.com; form-action 'self' https://example.org https://*.example.org; "
                + "base-uri 'none'; frame-ancestors 'none'",
                SigninPages.contentSecurityPolicy(Optional.of("https://cdn.example.com"), List.of(" Example.org ", "bad;domain", "")));
    }

    @Test
    void aCaptchaWidgetAddsItsProvidersOriginsAndNoOthers() {
        assertEquals("default-src 'none'; script-src 'self' https://hcaptcha.com https://*.hcaptcha.com; "
                + "style-src 'self' https://hcaptcha.com https://*.hcaptcha.com; "
                + "connect-src 'self' https://hcaptcha.com https://*.hcaptcha.com; img-src 'self'; "
                + "frame-src https://hcaptcha.com https://*.hcaptcha.com; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
                SigninPages.contentSecurityPolicy(Optional.empty(), List.of(), Optional.of(Provider.HCAPTCHA)));
        assertEquals("default-src 'none'; script-src 'self' https://www.google.com/recaptcha/ https://www.gstatic.com/recaptcha/; "
                + "style-src 'self'; connect-src 'self'; img-src 'self'; "
                + "frame-src https://www.google.com/recaptcha/ https://recaptcha.google.com/recaptcha/; form-action 'self'; "
                + "base-uri 'none'; frame-ancestors 'none'",
                SigninPages.contentSecurityPolicy(Optional.empty(), List.of(), Optional.of(Provider.RECAPTCHA)));
    }
}
