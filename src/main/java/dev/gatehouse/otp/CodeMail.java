package dev.gatehouse.otp;

import java.time.Duration;
import java.time.Instant;

import dev.gatehouse.platform.Html;
import io.quarkus.mailer.Mail;

/**
 * The mail that carries a code: plain text and HTML, the code in both. While it waits in the outbox
 * it is a line-separated record, sealed; an address never holds a line break.
 */
record CodeMail(String address, String code, Instant expiresAt) {

    static CodeMail decode(String plain) {
        String[] parts = plain.split("\n", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("Not a code mail");
        }
        return new CodeMail(parts[0], parts[1], Instant.ofEpochMilli(Long.parseLong(parts[2])));
    }

    String encode() {
        return address + "\n" + code + "\n" + expiresAt.toEpochMilli();
    }

    Mail compose(String brand, Duration lifetime) {
        long minutes = Math.max(1, lifetime.toMinutes());
        String subject = code + " is your " + brand + " sign-in code";
        String text = """
                Your %s sign-in code is:

                    %s

                It works once, for %d minutes. Enter it on the sign-in page.

                If you did not ask for it, ignore this mail: nobody can sign in without the code.
                """.formatted(brand, code, minutes);
        String html = """
                <!doctype html>
                <html lang="en"><body style="font-family:system-ui,sans-serif;color:#1f2933">
                <p>Your %s sign-in code is:</p>
                <p style="font-size:28px;font-weight:bold;letter-spacing:6px;font-family:monospace">%s</p>
                <p>It works once, for %d minutes. Enter it on the sign-in page.</p>
                <p style="color:#52606d">If you did not ask for it, ignore this mail: nobody can sign in without the code.</p>
                </body></html>
                """.formatted(Html.escape(brand), code, minutes);
        return Mail.withText(address, subject, text).setHtml(html);
    }

    @Override
    public String toString() {
        return "CodeMail[" + address + "]";
    }
}
