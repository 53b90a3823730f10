package dev.gatehouse.otp;

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
 * Codes in Redis: one per address, kept as its keyed hash with a count of entries tried, expiring
 * with the code. A new code replaces the address's previous one, so only the newest works. Every
 * check reserves an attempt first, atomically, so a burst of parallel guesses gets no more than
 * {@code max-attempts} comparisons. Keys carry a hash of the address, never the address itself.
 */
@Singleton
public class OtpCodes {

    static final String CODE_PREFIX = "gatehouse:otp:code:";
    static final String ADDRESS_REQUESTS_PREFIX = "gatehouse:otp:requests:address:";
    static final String CLIENT_REQUESTS_PREFIX = "gatehouse:otp:requests:client:";

    /**
     * KEYS: address count, client count, code, outbox, outbox item. ARGV: address limit, client limit,
     * window ms, listed (1/0), code hash, lifetime ms, sealed mail, due ms, outbox member. Returns
     * {0, 0} when accepted, else {1 (address) or 2 (client), ms until the window ends}. The limits hold
     * for listed and unlisted addresses alike, so they tell nothing.
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

    /** What became of a request for a code. */
    public record Requested(boolean accepted, Duration retryAfter) {
    }

    /** What a check found: nothing to check against, or the stored hash and which attempt this is. */
    public record Stored(String hash, int attempt) {
    }

    private final RedisGateway redis;

    public OtpCodes(RedisGateway redis) {
        this.redis = redis;
    }

    /** Counts the request against both limits and, for a listed address, stores the code and queues its mail. */
    Requested request(String address, String clientAddress, OtpConfig limits, boolean listed, IssuedCode code) {
        String member = MailOutbox.memberFor(address);
        Instant now = Instant.now();
        Response answer = eval(REQUEST, List.of(ADDRESS_REQUESTS_PREFIX + key(address),
                CLIENT_REQUESTS_PREFIX + RegulatedAddress.of(clientAddress), codeKey(address), MailOutbox.QUEUE,
                MailOutbox.ITEM_PREFIX + member),
                List.of(String.valueOf(limits.requestsPerAddress()), String.valueOf(limits.requestsPerClient()),
                        String.valueOf(limits.requestWindow().toMillis()), listed ? "1" : "0",
                        code.hash(), String.valueOf(limits.codeLifetime().toMillis()), code.sealedMail(), String.valueOf(now.toEpochMilli()), member));
        if (answer.get(0).toInteger() == 0) {
            return new Requested(true, Duration.ZERO);
        }
        return new Requested(false, Duration.ofMillis(answer.get(1).toLong()));
    }

    /** Reserves one attempt at the address's code; empty when it has none left (or never had one). */
    Optional<Stored> reserveAttempt(String address, int maxAttempts) {
        Response answer = eval(RESERVE_ATTEMPT, List.of(codeKey(address)), List.of(String.valueOf(maxAttempts)));
        if (answer.get(0).toInteger() != 1) {
            return Optional.empty();
        }
        return Optional.of(new Stored(answer.get(1).toString(), answer.get(2).toInteger()));
    }

    /** Ends the code with {@code hash}, if it is still the address's code; whether this call ended it. */
    boolean discard(String address, String hash) {
        return eval(DISCARD, List.of(codeKey(address)), List.of(hash)).toInteger() == 1;
    }

    private Response eval(String script, List<String> keys, List<String> args) {
        return redis.eval(script, keys, args);
    }

    private static String codeKey(String address) {
        return CODE_PREFIX + key(address);
    }

    static String key(String address) {
        return Digests.sha256Hex(address);
    }
}
