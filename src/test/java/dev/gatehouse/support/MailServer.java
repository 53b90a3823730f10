package dev.gatehouse.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;

/**
 * A real SMTP server (GreenMail) on a free loopback port, that can be stopped and started again on
 * the same port, and the allowlist file the application under test reads.
 */
public final class MailServer implements AutoCloseable {

    public static final String FROM = "gatehouse@example.com";
    private static final Pattern CODE = Pattern.compile("\\b([0-9]{6})\\b");

    private final ServerSetup setup;
    private final Path allowlist;
    private GreenMail server;

    private MailServer(int port, Path allowlist) {
        this.setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        this.allowlist = allowlist;
    }

    public static MailServer start(String allowlistContent) {
        try {
            Path file = Files.createTempFile("gatehouse-allowlist-", ".txt");
            Files.writeString(file, allowlistContent);
            MailServer mail = new MailServer(FreePort.next(), file);
            mail.startServer();
            return mail;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return setup.getPort();
    }

    public Path allowlist() {
        return allowlist;
    }

    public void writeAllowlist(String content) {
        try {
            Path tmp = Files.createTempFile(allowlist.getParent(), "allowlist-", ".part");
            Files.writeString(tmp, content);
            Files.move(tmp, allowlist, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public synchronized void startServer() {
        server = new GreenMail(setup);
        server.start();
    }

    public synchronized void stopServer() {
        if (server != null) {
            server.stop();
            server = null;
        }
    }

    /** Every message received for {@code address} so far (empty while stopped: mail kept from before is gone). */
    public synchronized List<MimeMessage> messagesTo(String address) {
        if (server == null) {
            return List.of();
        }
        return Arrays.stream(server.getReceivedMessages()).filter(message -> isTo(message, address)).toList();
    }

    /** The newest code mailed to {@code address}, waiting up to {@code limit} for one. */
    public String awaitCode(String address, Duration limit) {
        return awaitCode(address, 1, limit);
    }

    /** The code in the {@code nth} mail to {@code address}, waiting up to {@code limit} for it. */
    public String awaitCode(String address, int nth, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            List<MimeMessage> messages = messagesTo(address);
            if (messages.size() >= nth) {
                return codeIn(messages.get(nth - 1)).orElseThrow(() -> new AssertionError("No code in the mail"));
            }
            sleep();
        }
        throw new AssertionError("No mail number " + nth + " for " + address + " within " + limit);
    }

    public static Optional<String> codeIn(MimeMessage message) {
        try {
            Matcher matcher = CODE.matcher(message.getSubject());
            return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isTo(MimeMessage message, String address) {
        try {
            Address[] recipients = message.getAllRecipients();
            return recipients != null && Arrays.stream(recipients).anyMatch(to -> to.toString().equalsIgnoreCase(address));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    @Override
    public void close() {
        stopServer();
        try {
            Files.deleteIfExists(allowlist);
        } catch (IOException e) {
            // a temporary file; nothing depends on it any more
        }
    }
}
