package dev.gatehouse.session;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.gatehouse.platform.Digests;
import dev.gatehouse.platform.RedisGateway;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.redis.client.Response;

/**
 * Which sessions an account has: a sorted set per account ({@code gatehouse:sessions-of:<sha256 of the
 * name>}) of session handles by creation time, and beside each session a small hash
 * ({@code gatehouse:session:<handle>:info}) of when it was made and last seen, from where and with
 * which browser. Ended sessions leave the set lazily, the next time the account's set is touched.
 */
final class SessionIndex {

    private static final String OF_USER = "gatehouse:sessions-of:";
    private static final String INFO = ":info";

    /**
     * KEYS: session, info, account set. ARGV: encoded session, session ttl ms, now ms, address, agent,
     * lifetime ms, max per account, handle, session prefix. Returns the handles evicted (oldest first).
     */
    private static final String ADD = """
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            redis.call('HSET', KEYS[2], 'created', ARGV[3], 'last_seen', ARGV[3], 'ip', ARGV[4], 'ua', ARGV[5])
            redis.call('PEXPIRE', KEYS[2], ARGV[6])
            for _, h in ipairs(redis.call('ZRANGE', KEYS[3], 0, -1)) do
              if redis.call('EXISTS', ARGV[9] .. h) == 0 then
                redis.call('ZREM', KEYS[3], h)
                redis.call('DEL', ARGV[9] .. h .. ':info')
              end
            end
            redis.call('ZADD', KEYS[3], ARGV[3], ARGV[8])
            redis.call('PEXPIRE', KEYS[3], ARGV[6])
            local excess = redis.call('ZCARD', KEYS[3]) - tonumber(ARGV[7])
            if excess <= 0 then return {} end
            local evicted = redis.call('ZRANGE', KEYS[3], 0, excess - 1)
            redis.call('ZREM', KEYS[3], unpack(evicted))
            return evicted
            """;

    /** KEYS: account set. ARGV: session prefix. Returns handle, created, last seen, address, agent, ... of live sessions. */
    private static final String LIST = """
            local out = {}
            for _, h in ipairs(redis.call('ZRANGE', KEYS[1], 0, -1)) do
              if redis.call('EXISTS', ARGV[1] .. h) == 1 then
                local info = redis.call('HMGET', ARGV[1] .. h .. ':info', 'created', 'last_seen', 'ip', 'ua')
                table.insert(out, h)
                for i = 1, 4 do table.insert(out, info[i] or '') end
              else
                redis.call('ZREM', KEYS[1], h)
              end
            end
            return out
            """;

    /** KEYS: info. ARGV: now ms. Only a session that still has its info is touched. */
    private static final String TOUCH = """
            if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('HSET', KEYS[1], 'last_seen', ARGV[1]) end
            return 1
            """;

    private final RedisGateway redis;

    SessionIndex(RedisGateway redis) {
        this.redis = redis;
    }

    List<String> add(String username, String handle, String encoded, Browser browser, Instant now, Duration ttl,
            Duration lifetime, int maxPerUser) {
        Response evicted = redis.evalDurably(ADD, List.of(SessionStore.PREFIX + handle, infoKey(handle), ofUser(username)),
                List.of(encoded, String.valueOf(ttl.toMillis()), String.valueOf(now.toEpochMilli()), browser.clientAddress(),
                        browser.userAgent(), String.valueOf(lifetime.toMillis()), String.valueOf(maxPerUser), handle,
                        SessionStore.PREFIX));
        List<String> handles = new ArrayList<>();
        evicted.forEach(item -> handles.add(item.toString()));
        return handles;
    }

    List<SessionInfo> list(String username) {
        Response answer = redis.eval(LIST, List.of(ofUser(username)), List.of(SessionStore.PREFIX));
        List<SessionInfo> sessions = new ArrayList<>();
        for (int i = 0; i + 4 < answer.size(); i += 5) {
            sessions.add(new SessionInfo(answer.get(i).toString(), millis(answer.get(i + 1)), millis(answer.get(i + 2)),
                    answer.get(i + 3).toString(), answer.get(i + 4).toString()));
        }
        return sessions;
    }

    /** Records that the session was used now; fire and forget, a lost touch only makes "last seen" older. */
    Uni<Void> touch(String handle, Instant now) {
        return redis.guard(redis.reactive().execute("EVAL", TOUCH, "1", infoKey(handle), String.valueOf(now.toEpochMilli())))
                .replaceWithVoid();
    }

    static String infoKey(String handle) {
        return SessionStore.PREFIX + handle + INFO;
    }

    private static String ofUser(String username) {
        return OF_USER + Digests.sha256Hex(username);
    }

    private static Instant millis(Response value) {
        String text = value.toString();
        return text.isEmpty() ? Instant.EPOCH : Instant.ofEpochMilli(Long.parseLong(text));
    }
}
