package dev.gatehouse.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Turns on sign-in by code for the application under test: a real SMTP server and an allowlist file
 * ({@link #ALLOWLIST}); inject the {@link MailServer} with {@link InjectMail}.
 */
public class MailResource implements QuarkusTestResourceLifecycleManager {

    @Retention(RetentionPolicy.RUNTIME)
    @Target(ElementType.FIELD)
    public @interface InjectMail {
    }

    /** Exact entries, a domain, and lines that must be skipped without spoiling the rest. */
    public static final String ALLOWLIST = """
            # the team
            Alice@Example.com   admin,user   # exact entry, roles given
            *@team.example                   # a whole domain, default role
            ops@example.com                  # also a declared password account
            not-an-address
            bob@example.com nosuchrole
            *@ bad domain
            """;

    private MailServer mail;

    @Override
    public Map<String, String> start() {
        mail = MailServer.start(ALLOWLIST);
        return Map.of(
                "quarkus.mailer.host", "127.0.0.1",
                "quarkus.mailer.port", String.valueOf(mail.port()),
                "quarkus.mailer.from", MailServer.FROM,
                "gatehouse.otp.allowlist-file", mail.allowlist().toString());
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(mail, new TestInjector.AnnotatedAndMatchesType(InjectMail.class, MailServer.class));
    }

    @Override
    public void stop() {
        if (mail != null) {
            mail.close();
        }
    }
}
