package dev.gatehouse.code;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import jakarta.inject.Singleton;

import dev.gatehouse.platform.Digests;
import dev.gatehouse.platform.RedisGateway;
import dev.gatehouse.regulation.RegulatedAddress;
import io.vertx.mutiny.redis.client.Response;

/**
 * Codes in Redis: one per purpose and subject (an address or an account), kept as its keyed hash with
 * a count of entries tried, expiring with the code. A new code replaces the previous one, so only the
 * newest works. Every check reserves an attempt first, atomically, so a burst of parallel guesses gets
 * no more than {@code max-attempts} comparisons. Keys carry a hash of the subject, never the subject.
 */
@Singleton
class OneTimeCodes {

    static final String PREFIX = "gatehouse:code:";

    /**
     * KEYS: subject count, client count, code, outbox, outbox item. ARGV: subject limit, client limit,
     * window ms, deliver (1/0), code hash, lifetime ms, sealed mail, due ms, outbox member. Returns
     * {0, 0} when accepted, else {1 (subject) or 2 (client), ms until the window ends}. The limits hold
     * whether or not the request is delivered, so they tell nothing.
     */
    private static final String REQUEST = """
            local function full(key, limit)
              if tonumber(redis.call('GET', key) or '0') < limit then return nil end
              local ttl = redis.call('PTTL', key)
              if ttl < 0 then redis.call('PEXPIRE', key, ARGV[3]); ttl = tonumber(ARGV[3]) end
              return ttl
            end
            local wait = full(KEYS[1], tonumber(ARGV[1]))
            if wait then return {1, wait} end
            wait = full(KEYS[2], tonumber(ARGV[2]))
            if wait then return {2, wait} end
            for i = 1, 2 do
              if redis.call('INCR', KEYS[i]) == 1 then redis.call('PEXPIRE', KEYS[i], ARGV[3]) end
            end
            if ARGV[4] == '1' then
              redis.call('DEL', KEYS[3], KEYS[5])
              redis.call('HSET', KEYS[3], 'hash', ARGV[5], 'attempts', 0)
              redis.call('PEXPIRE', KEYS[3], ARGV[6])
              redis.call('HSET', KEYS[5], 'mail', ARGV[7], 'attempts', 0)
              redis.call('PEXPIRE', KEYS[5], ARGV[6])
              redis.call('ZADD', KEYS[4], ARGV[8], ARGV[9])
            end
            return {0, 0}
            """;

    /** KEYS: code. ARGV: max attempts. Returns {0} (none), {2} (burned just now) or {1, hash, attempt}. */
    private static final String RESERVE_ATTEMPT = """
            if redis.call('EXISTS', KEYS[1]) == 0 then return {0} end
            local n = redis.call('HINCRBY', KEYS[1], 'attempts', 1)
            if n > tonumber(ARGV[1]) then
              redis.call('DEL', KEYS[1])
              return {2}
            end
            return {1, redis.call('HGET', KEYS[1], 'hash'), n}
            """;

    /** KEYS: code. ARGV: hash. Deletes the code if it is still the one with that hash; 1 if it did. */
    private static final String DISCARD = """
            if redis.call('HGET', KEYS[1], 'hash') == ARGV[1] then
              redis.call('DEL', KEYS[1])
              return 1
            end
            return 0
            """;

    /** What a check found: the stored hash and which attempt this is. */
    record Stored(String hash, int attempt) {
    }

    private final RedisGateway redis;

    OneTimeCodes(RedisGateway redis) {
        this.redis = redis;
    }

    /**
     * Counts the request against both limits and, when {@code deliver}, stores the code (if the
     * purpose has one) and queues its mail; a request that will not be delivered costs the same.
     */
    Requested request(Purpose purpose, String subject, String clientAddress, CodePolicy policy, boolean deliver,
            IssuedCode code) {
        String member = MailOutbox.memberFor(purpose, subject);
        Response answer = redis.eval(REQUEST, List.of(PREFIX + purpose.id() + ":requests:subject:" + key(subject),
                PREFIX + "requests:client:" + RegulatedAddress.of(clientAddress), codeKey(purpose, subject),
                MailOutbox.QUEUE, MailOutbox.ITEM_PREFIX + member),
                List.of(String.valueOf(policy.perSubject()), String.valueOf(policy.perClient()),
                        String.valueOf(policy.window().toMillis()), deliver ? "1" : "0", code.hash(),
                        String.valueOf(policy.lifetime().toMillis()), code.sealedMail(),
                        String.valueOf(Instant.now().toEpochMilli()), member));
        if (answer.get(0).toInteger() == 0) {
            return Requested.ACCEPTED;
        }
        return new Requested(false, Duration.ofMillis(answer.get(1).toLong()));
    }

    /** Reserves one attempt at the subject's code; empty when it has none left (or never had one). */
    Optional<Stored> reserveAttempt(Purpose purpose, String subject, int maxAttempts) {
        Response answer = redis.eval(RESERVE_ATTEMPT, List.of(codeKey(purpose, subject)), List.of(String.valueOf(maxAttempts)));
        if (answer.get(0).toInteger() != 1) {
            return Optional.empty();
        }
        return Optional.of(new Stored(answer.get(1).toString(), answer.get(2).toInteger()));
    }

    /** Ends the code with {@code hash}, if it is still the subject's code; whether this call ended it. */
    boolean discard(Purpose purpose, String subject, String hash) {
        return redis.eval(DISCARD, List.of(codeKey(purpose, subject)), List.of(hash)).toInteger() == 1;
    }

    static String codeKey(Purpose purpose, String subject) {
        return PREFIX + purpose.id() + ":" + key(subject);
    }

    static String key(String subject) {
        return Digests.sha256Hex(subject);
    }
}
