package dev.gatehouse.code;

import java.time.Instant;

import dev.gatehouse.platform.Html;
import io.quarkus.mailer.Mail;

/**
 * A mail that carries a code (or, for {@link Purpose#SIGNUP_TAKEN}, a notice): plain text and HTML,
 * the code in both and in the subject. While it waits in the outbox it is a line-separated record,
 * sealed; an address never holds a line break.
 */
record CodeMail(Purpose purpose, String to, String code, Instant expiresAt, long minutes) {

    static CodeMail decode(String plain) {
        String[] parts = plain.split("\n", -1);
        if (parts.length != 5) {
            throw new IllegalArgumentException("Not a code mail");
        }
        return new CodeMail(Purpose.valueOf(parts[0]), parts[1], parts[2], Instant.ofEpochMilli(Long.parseLong(parts[3])),
                Long.parseLong(parts[4]));
    }

    String encode() {
        return String.join("\n", purpose.name(), to, code, String.valueOf(expiresAt.toEpochMilli()), String.valueOf(minutes));
    }

    Mail compose(String brand) {
        if (!purpose.carriesCode()) {
            String text = purpose.opening(brand) + "\n\n" + purpose.instruction() + "\n";
            String html = page("<p>" + Html.escape(purpose.opening(brand)) + "</p><p>" + Html.escape(purpose.instruction()) + "</p>");
            return Mail.withText(to, "About your " + brand + " account", text).setHtml(html);
        }
        String subject = code + " is your " + brand + " " + purpose.what();
        String validity = "It works once, for " + minutes + " minutes. " + purpose.instruction();
        String ignore = "If you did not ask for it, ignore this mail: nothing happens without the code.";
        String text = purpose.opening(brand) + "\n\n    " + code + "\n\n" + validity + "\n\n" + ignore + "\n";
        String html = page("<p>" + Html.escape(purpose.opening(brand)) + "</p>"
                + "<p style=\"font-size:28px;font-weight:bold;letter-spacing:6px;font-family:monospace\">" + code + "</p>"
                + "<p>" + Html.escape(validity) + "</p><p style=\"color:#52606d\">" + Html.escape(ignore) + "</p>");
        return Mail.withText(to, subject, text).setHtml(html);
    }

    private static String page(String body) {
        return "<!doctype html>\n<html lang=\"en\"><body style=\"font-family:system-ui,sans-serif;color:#1f2933\">" + body
                + "</body></html>\n";
    }

    @Override
    public String toString() {
        return "CodeMail[" + purpose + ", " + to + "]";
    }
}
