package dev.gatehouse.signin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class PageTemplateTest {

    @Test
    void fillsSomeSlotsNowAndTheOthersLater() {
        PageTemplate template = PageTemplate.parse("t", "<t>{{brand}}</t><p>{{ who }}</p>{{brand}}").fill(Map.of("brand", "B"));
        assertEquals(List.of("who"), template.slots());
        assertEquals("<t>B</t><p>W</p>B", template.render(Map.of("who", "W")));
    }

    @Test
    void aMissingValueIsAnError() {
        PageTemplate template = PageTemplate.parse("t", "{{a}}");
        assertThrows(IllegalStateException.class, () -> template.render(Map.of()));
        assertThrows(IllegalStateException.class, () -> PageTemplate.parse("t", "{{a"));
    }

    @Test
    void theShippedPagesHaveOnlyTheSlotsTheCodeFills() {
        assertEquals(List.of("brand", "captcha-script", "logo", "brand", "notice-hidden", "notice", "error-hidden", "error", "rd",
                "field-state", "field-state", "captcha-session", "reset-href", "signup-link", "external-signin", "code-signin"),
                PageTemplate.load("/gatehouse/login.html").slots());
        assertEquals(List.of("captcha-otp"), PageTemplate.load("/gatehouse/login-code.html").slots());
        assertEquals(List.of("brand", "logo", "who", "actions"), PageTemplate.load("/gatehouse/forbidden.html").slots());
        assertEquals(List.of("brand", "captcha-script", "logo", "brand", "password-hint", "captcha-signup", "login-href"),
                PageTemplate.load("/gatehouse/signup.html").slots());
        assertEquals(List.of("brand", "captcha-script", "logo", "captcha-forgot", "password-hint", "login-href"),
                PageTemplate.load("/gatehouse/reset.html").slots());
        assertEquals(List.of("brand", "logo", "brand", "username", "username", "password-hint"),
                PageTemplate.load("/gatehouse/account.html").slots());
    }
}
