package dev.gatehouse.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Turns on the CAPTCHA for the application under test against a {@link FakeSiteverify}: the flows
 * {@link #FLOWS} (not {@code login}), a Turnstile widget with {@link #SITE_KEY}, and a 1 s timeout.
 * Inject the fake with {@link InjectSiteverify}.
 */
public class CaptchaResource implements QuarkusTestResourceLifecycleManager {

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectSiteverify {
    }

    public static final String SECRET = "test-captcha-secret";
    public static final String SITE_KEY = "test-site-key";
    public static final String FLOWS = "signup,forgot,otp,session";

    private FakeSiteverify siteverify;

    @Override
    public Map<String, String> start() {
        siteverify = FakeSiteverify.start();
        return Map.of(
                "gatehouse.captcha.verify-url", siteverify.url(),
                "gatehouse.captcha.secret", SECRET,
                "gatehouse.captcha.flows", FLOWS,
                "gatehouse.captcha.site-key", SITE_KEY,
                "gatehouse.captcha.provider", "turnstile",
                "gatehouse.captcha.timeout", "1s");
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(siteverify, new TestInjector.AnnotatedAndMatchesType(InjectSiteverify.class, FakeSiteverify.class));
    }

    @Override
    public void stop() {
        if (siteverify != null) {
            siteverify.close();
        }
    }
}
