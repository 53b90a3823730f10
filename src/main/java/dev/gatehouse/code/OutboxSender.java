package dev.gatehouse.code;

import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import jakarta.enterprise.event.Observes;
import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.platform.BrandConfig;
import dev.gatehouse.problem.StoreUnavailableException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.vertx.core.Vertx;

/**
 * Sends the outbox's due mails, off every request path: on virtual threads, woken by each new code
 * and every second. Every mail is audited as {@code OTP_SENT} or {@code OTP_SEND_FAILED} with its purpose. A failed mail is due again after a backoff (1 s, doubling, at most a minute)
 * until its code expires; each failure is audited as {@code OTP_SEND_FAILED}. Each round first reads how
 * many mails wait, for {@code gatehouse_mail_outbox_depth}: one ZCARD a second, and a scrape never
 * touches Redis.
 */
@Singleton
public class OutboxSender {

    static final Duration LEASE = Duration.ofSeconds(60);
    static final Duration SEND_WITHIN = Duration.ofSeconds(30);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
    private static final int BATCH = 64;
    private static final Logger LOG = Logger.getLogger(OutboxSender.class);

    private final MailOutbox outbox;
    private final CodeSecret secret;
    private final ReactiveMailer mailer;
    private final BrandConfig brand;
    private final AuditLog audit;
    private final Clock clock;
    private final Vertx vertx;
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean wokenWhileDraining = new AtomicBoolean();
    private final AtomicLong depth = new AtomicLong();
    private volatile long timer = -1;

    OutboxSender(MailOutbox outbox, CodeSecret secret, ReactiveMailer mailer, BrandConfig brand, AuditLog audit, Clock clock,
            Vertx vertx, MeterRegistry meters) {
        Gauge.builder("gatehouse.mail.outbox.depth", depth, AtomicLong::get)
                .description("Mails waiting in the outbox, due or not, as of the sender's last round (at most a second ago)")
                .register(meters);
        this.outbox = outbox;
        this.secret = secret;
        this.mailer = mailer;
        this.brand = brand;
        this.audit = audit;
        this.clock = clock;
        this.vertx = vertx;
    }

    void start(@Observes StartupEvent event) {
        timer = vertx.setPeriodic(1000, id -> wake());
    }

    void stop(@Observes ShutdownEvent event) {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
        }
    }

    /** Asks for the due mails to be sent soon; returns at once. */
    void wake() {
        if (!draining.compareAndSet(false, true)) {
            wokenWhileDraining.set(true);
            return;
        }
        Thread.ofVirtual().name("gatehouse-outbox").start(this::drain);
    }

    private void drain() {
        try {
            depth.set(outbox.waiting());
            do {
                wokenWhileDraining.set(false);
                List<MailOutbox.Claimed> batch;
                while (!(batch = outbox.claim(clock.instant(), LEASE, BATCH)).isEmpty()) {
                    sendAll(batch);
                }
            } while (wokenWhileDraining.get());
        } catch (StoreUnavailableException e) {
            LOG.debugf("Outbox unreachable; trying again shortly: %s", e.getMessage());
        } catch (RuntimeException e) {
            LOG.warnf(e, "Outbox round failed");
        } finally {
            draining.set(false);
        }
    }

    private void sendAll(List<MailOutbox.Claimed> batch) {
        List<Thread> senders = new ArrayList<>(batch.size());
        for (MailOutbox.Claimed mail : batch) {
            senders.add(Thread.ofVirtual().name("gatehouse-mail").start(() -> send(mail)));
        }
        for (Thread sender : senders) {
            try {
                sender.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void send(MailOutbox.Claimed claimed) {
        CodeMail mail;
        try {
            mail = CodeMail.decode(secret.open(claimed.sealedMail()));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // Sealed with another secret (it was changed) or not written by Gatehouse: nobody can send it.
            LOG.warnf("Dropped an outbox mail that cannot be opened: %s", e.getMessage());
            outbox.delivered(claimed);
            return;
        }
        try {
            mailer.send(mail.compose(brand.name())).await().atMost(SEND_WITHIN);
            outbox.delivered(claimed);
            audit.record(AuditLog.Event.OTP_SENT, mail.to(), null, "purpose", mail.purpose().id(), "attempt",
                    String.valueOf(claimed.attempts() + 1));
        } catch (RuntimeException e) {
            failed(claimed, mail, e);
        }
    }

    private void failed(MailOutbox.Claimed claimed, CodeMail mail, RuntimeException failure) {
        int attempt = claimed.attempts() + 1;
        Instant due = clock.instant().plus(backoff(attempt));
        boolean retrying = due.isBefore(mail.expiresAt());
        audit.record(AuditLog.Event.OTP_SEND_FAILED, mail.to(), null, "purpose", mail.purpose().id(), "attempt",
                String.valueOf(attempt),
                "error", describe(failure), "retry", String.valueOf(retrying));
        if (retrying) {
            outbox.retryAt(claimed, due);
        } else {
            outbox.delivered(claimed); // the code expires before the next try: the mail is no use any more
        }
    }

    /** 1 s after the first failure, doubling, at most {@link #MAX_BACKOFF}. */
    static Duration backoff(int attempt) {
        long seconds = 1L << Math.min(attempt - 1, 6);
        return Duration.ofSeconds(Math.min(seconds, MAX_BACKOFF.toSeconds()));
    }

    private static String describe(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage();
        return root.getClass().getSimpleName() + message;
    }
}
