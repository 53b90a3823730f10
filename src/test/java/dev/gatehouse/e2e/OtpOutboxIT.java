package dev.gatehouse.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.gatehouse.support.MailServer;
import dev.gatehouse.support.Wait;

/**
 * The mail outbox lives in Redis: a code asked for while the SMTP server is down is mailed once it is
 * back, even when Gatehouse itself was restarted in between.
 */
class OtpOutboxIT {

    private static final String ADDRESS = "late@team.example";

    @Test
    void aMailQueuedDuringAnSmtpOutageIsSentAfterGatehouseRestarts() {
        try (MailServer mail = MailServer.start("*@team.example\n");
                Stack stack = Stack.builder("OtpOutboxIT").app(app -> app
                        .env("GATEHOUSE_OTP_ALLOWLIST_FILE", mail.allowlist().toString())
                        .env("QUARKUS_MAILER_HOST", "127.0.0.1")
                        .env("QUARKUS_MAILER_PORT", String.valueOf(mail.port()))
                        .env("QUARKUS_MAILER_FROM", MailServer.FROM)).start()) {
            mail.stopServer();
            EdgeClient browser = stack.client();
            Reply requested = browser.send(Request.postJson("/auth/otp/request", Map.of("email", ADDRESS)));
            assertEquals(202, requested.status(), requested::toString);
            Wait.until(Duration.ofSeconds(15), () -> stack.app().output().contains("\"event\":\"OTP_SEND_FAILED\""));

            stack.app().stop();
            mail.startServer();
            stack.app().start();

            String code = mail.awaitCode(ADDRESS, Duration.ofSeconds(30));
            Reply signedIn = browser.send(Request.postJson("/auth/otp/verify", Map.of("email", ADDRESS, "code", code)));
            assertEquals(200, signedIn.status(), signedIn::toString);
            assertTrue(stack.app().output().contains("\"event\":\"OTP_SENT\""), "the restarted instance sent it");
            assertEquals(1, mail.messagesTo(ADDRESS).size(), "sent once");
        }
    }
}
