package dev.gatehouse.code;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import jakarta.inject.Singleton;

import dev.gatehouse.platform.RedisGateway;
import io.vertx.mutiny.redis.client.Response;

/**
 * Mails waiting to be sent, in Redis, so they survive an SMTP outage and a restart of Gatehouse. A
 * sorted set orders mails by when they are due; each purpose and subject has at most one waiting mail
 * (sealed, see {@link CodeSecret}), replaced by a newer code's and expiring with its code. A sender
 * claims due mails by pushing their due time a lease ahead, so that one instance sends each mail; if
 * it dies while sending, the mail is due again when the lease ends.
 */
@Singleton
public class MailOutbox {

    public static final String QUEUE = "gatehouse:outbox";
    static final String ITEM_PREFIX = "gatehouse:outbox:";

    /** KEYS: queue. ARGV: now ms, lease end ms, batch size, item prefix. Returns member, mail, attempts, ... */
    private static final String CLAIM = """
            local members = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1], 'LIMIT', 0, tonumber(ARGV[3]))
            local claimed = {}
            for _, member in ipairs(members) do
              local item = redis.call('HMGET', ARGV[4] .. member, 'mail', 'attempts')
              if item[1] then
                redis.call('ZADD', KEYS[1], ARGV[2], member)
                table.insert(claimed, member)
                table.insert(claimed, item[1])
                table.insert(claimed, item[2] or '0')
              else
                redis.call('ZREM', KEYS[1], member)
              end
            end
            return claimed
            """;

    /** KEYS: queue, item. ARGV: member, mail. Removes the item if it still holds that mail. */
    private static final String DELIVERED = """
            if redis.call('HGET', KEYS[2], 'mail') == ARGV[2] then
              redis.call('DEL', KEYS[2])
              redis.call('ZREM', KEYS[1], ARGV[1])
            end
            return 1
            """;

    /** KEYS: queue, item. ARGV: member, mail, next due ms. Reschedules the item if it still holds that mail. */
    private static final String FAILED = """
            if redis.call('HGET', KEYS[2], 'mail') == ARGV[2] then
              redis.call('HINCRBY', KEYS[2], 'attempts', 1)
              redis.call('ZADD', KEYS[1], ARGV[3], ARGV[1])
            end
            return 1
            """;

    /** A mail claimed for sending: {@code attempts} earlier tries failed. */
    public record Claimed(String member, String sealedMail, int attempts) {
        @Override
        public String toString() {
            return "Claimed[" + member + ", attempts=" + attempts + "]";
        }
    }

    private final RedisGateway redis;

    public MailOutbox(RedisGateway redis) {
        this.redis = redis;
    }

    static String memberFor(Purpose purpose, String subject) {
        return purpose.id() + ":" + OneTimeCodes.key(subject);
    }

    /** The Redis key of the mail waiting for {@code purpose} and {@code subject}. */
    public static String itemKey(Purpose purpose, String subject) {
        return ITEM_PREFIX + memberFor(purpose, subject);
    }

    /** Up to {@code max} due mails, each now leased to the caller for {@code lease}. */
    List<Claimed> claim(Instant now, Duration lease, int max) {
        Response answer = redis.eval(CLAIM, List.of(QUEUE), List.of(String.valueOf(now.toEpochMilli()),
                String.valueOf(now.plus(lease).toEpochMilli()), String.valueOf(max), ITEM_PREFIX));
        List<Claimed> claimed = new ArrayList<>();
        for (int i = 0; i + 2 < answer.size(); i += 3) {
            claimed.add(new Claimed(answer.get(i).toString(), answer.get(i + 1).toString(), answer.get(i + 2).toInteger()));
        }
        return claimed;
    }

    void delivered(Claimed mail) {
        redis.eval(DELIVERED, List.of(QUEUE, ITEM_PREFIX + mail.member()), List.of(mail.member(), mail.sealedMail()));
    }

    void retryAt(Claimed mail, Instant due) {
        redis.eval(FAILED, List.of(QUEUE, ITEM_PREFIX + mail.member()),
                List.of(mail.member(), mail.sealedMail(), String.valueOf(due.toEpochMilli())));
    }

    /** Mails waiting, due or not (for readiness and the bench). */
    public long waiting() {
        return redis.call(ds -> ds.sortedSet(String.class).zcard(QUEUE));
    }
}
