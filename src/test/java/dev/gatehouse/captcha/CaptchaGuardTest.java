package dev.gatehouse.captcha;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.gatehouse.problem.ProblemException;
import dev.gatehouse.support.FakeSiteverify;
import dev.gatehouse.support.FreePort;

class CaptchaGuardTest {

    private static final String SECRET = "s3cret-key";
    private static final Duration TIMEOUT = Duration.ofMillis(500);
    private static FakeSiteverify siteverify;

    record Config(Optional<String> verifyUrl, Optional<String> secret, Set<Flow> flows, Optional<String> siteKey,
            Optional<Provider> provider, Duration timeout) implements CaptchaConfig {
    }

    @BeforeAll
    static void startVerifier() {
        siteverify = FakeSiteverify.start();
    }

    @AfterAll
    static void stopVerifier() {
        siteverify.close();
    }

    private static Config on(String url, Set<Flow> flows) {
        return new Config(Optional.of(url), Optional.of(SECRET), flows, Optional.empty(), Optional.empty(), TIMEOUT);
    }

    private static CaptchaGuard guard() {
        return new CaptchaGuard(on(siteverify.url(), Set.of(Flow.SIGNUP, Flow.FORGOT, Flow.OTP)));
    }

    private static ProblemException refused(CaptchaGuard guard, String captcha) {
        return assertThrows(ProblemException.class, () -> guard.require(Flow.OTP, captcha, "203.0.113.7"));
    }

    @Test
    void withoutUrlAndSecretNothingIsChecked() {
        CaptchaGuard off = new CaptchaGuard(new Config(Optional.empty(), Optional.empty(), Set.of(Flow.values()),
                Optional.empty(), Optional.empty(), TIMEOUT));
        for (Flow flow : Flow.values()) {
            assertFalse(off.required(flow));
            assertDoesNotThrow(() -> off.require(flow, null, "203.0.113.7"));
        }
    }

    @Test
    void flowsNotListedAreNotChecked() {
        int before = siteverify.posted().size();
        CaptchaGuard guard = guard();
        assertDoesNotThrow(() -> guard.require(Flow.SESSION, null, "203.0.113.7"));
        assertDoesNotThrow(() -> guard.require(Flow.LOGIN, "", "203.0.113.7"));
        assertEquals(before, siteverify.posted().size());
        assertTrue(guard.required(Flow.SIGNUP) && guard.required(Flow.FORGOT) && guard.required(Flow.OTP));
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "  " })
    void aMissingAnswerIs400WithoutAskingTheVerifier(String captcha) {
        int before = siteverify.posted().size();
        ProblemException e = refused(guard(), captcha.isEmpty() ? null : captcha);
        assertEquals(400, e.problem().status());
        assertEquals(CaptchaGuard.MISSING_RULE, e.problem().errors().getFirst().rule());
        assertEquals(before, siteverify.posted().size());
    }

    @Test
    void aRefusedAnswerIs400() {
        ProblemException e = refused(guard(), FakeSiteverify.FAIL);
        assertEquals(400, e.problem().status());
        assertEquals(CaptchaGuard.REFUSED_RULE, e.problem().errors().getFirst().rule());
        assertEquals(1, siteverify.postedWith(FakeSiteverify.FAIL).size());
    }

    @Test
    void aTooLongAnswerIsRefusedWithoutAskingTheVerifier() {
        String tooLong = FakeSiteverify.PASS + "x".repeat(CaptchaGuard.MAX_ANSWER_LENGTH);
        assertEquals(400, refused(guard(), tooLong).problem().status());
        assertEquals(List.of(), siteverify.postedWith(tooLong));
    }

    @Test
    void aSolvedAnswerPassesAndTheVerifierGetsSecretResponseAndRemoteIpAsAForm() {
        String token = FakeSiteverify.PASS + "-form &=+%";
        assertDoesNotThrow(() -> guard().require(Flow.OTP, token, "2001:db8::7"));
        Map<String, String> form = siteverify.postedWith(token).getFirst();
        assertEquals("POST", form.get("method"));
        assertEquals("application/x-www-form-urlencoded", form.get("content-type"));
        assertEquals(SECRET, form.get("secret"));
        assertEquals("2001:db8::7", form.get("remoteip"));
    }

    @Test
    void noRemoteIpWhenTheClientAddressIsNoAddress() {
        String token = FakeSiteverify.PASS + "-unix";
        guard().require(Flow.OTP, token, "unix");
        assertFalse(siteverify.postedWith(token).getFirst().containsKey("remoteip"));
    }

    @ParameterizedTest
    @ValueSource(strings = { FakeSiteverify.STATUS_500, FakeSiteverify.NOT_JSON, FakeSiteverify.HUGE })
    void aVerifierAnsweringNonsenseIs503WithRetryAfter(String token) {
        ProblemException e = refused(guard(), token);
        assertEquals(503, e.problem().status());
        assertEquals(CaptchaGuard.RETRY_AFTER_SECONDS, e.headers().get("Retry-After"));
    }

    @Test
    void aSlowVerifierIs503WithinTheTimeout() {
        long start = System.nanoTime();
        ProblemException e = refused(guard(), FakeSiteverify.SLOW);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertEquals(503, e.problem().status());
        assertTrue(took.compareTo(TIMEOUT.plusMillis(1500)) < 0, "took " + took);
    }

    @Test
    void anUnreachableVerifierIs503WithRetryAfter() {
        CaptchaGuard guard = new CaptchaGuard(on("http://127.0.0.1:" + FreePort.next() + "/siteverify", Set.of(Flow.OTP)));
        ProblemException e = refused(guard, FakeSiteverify.PASS);
        assertEquals(503, e.problem().status());
        assertEquals(CaptchaGuard.RETRY_AFTER_SECONDS, e.headers().get("Retry-After"));
    }

    @Test
    void noAnswerNamesTheSecretOrTheToken() {
        String token = "fail-token-1234";
        for (String t : List.of(token, FakeSiteverify.STATUS_500)) {
            ProblemException e = refused(guard(), t);
            assertFalse(e.problem().toString().contains(SECRET) || e.problem().toString().contains(token));
        }
    }

    @Test
    void halfAConfigurationStopsTheStart() {
        Optional<String> url = Optional.of(siteverify.url());
        Set<Flow> flows = Set.of(Flow.OTP);
        assertThrows(IllegalStateException.class, () -> new CaptchaGuard(
                new Config(url, Optional.empty(), flows, Optional.empty(), Optional.empty(), TIMEOUT)));
        assertThrows(IllegalStateException.class, () -> new CaptchaGuard(
                new Config(Optional.empty(), Optional.of(SECRET), flows, Optional.empty(), Optional.empty(), TIMEOUT)));
        assertThrows(IllegalStateException.class, () -> new CaptchaGuard(
                new Config(Optional.of("siteverify.example/x"), Optional.of(SECRET), flows, Optional.empty(), Optional.empty(), TIMEOUT)));
        IllegalStateException noProvider = assertThrows(IllegalStateException.class, () -> new CaptchaGuard(
                new Config(url, Optional.of(SECRET), flows, Optional.of("site-key"), Optional.empty(), TIMEOUT)));
        assertTrue(noProvider.getMessage().contains("GATEHOUSE_CAPTCHA_PROVIDER"));
        assertThrows(IllegalStateException.class, () -> new CaptchaGuard(
                new Config(Optional.empty(), Optional.empty(), flows, Optional.of("site-key"), Optional.of(Provider.TURNSTILE), TIMEOUT)));
        IllegalStateException secretShown = assertThrows(IllegalStateException.class, () -> new CaptchaGuard(
                new Config(Optional.of("not a url " + SECRET), Optional.of(SECRET), flows, Optional.empty(), Optional.empty(), TIMEOUT)));
        assertFalse(secretShown.getMessage().contains(SECRET));
    }

    @Test
    void theWidgetShowsOnlyOnGuardedFlows() {
        CaptchaGuard guard = new CaptchaGuard(new Config(Optional.of(siteverify.url()), Optional.of(SECRET), Set.of(Flow.OTP),
                Optional.of(" key "), Optional.of(Provider.HCAPTCHA), TIMEOUT));
        assertEquals(Optional.of(new CaptchaGuard.Widget(Provider.HCAPTCHA, "key")), guard.widgetFor(Flow.OTP));
        assertEquals(Optional.empty(), guard.widgetFor(Flow.SESSION));
    }
}
