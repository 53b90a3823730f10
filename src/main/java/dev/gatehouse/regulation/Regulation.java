package dev.gatehouse.regulation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;

import dev.gatehouse.platform.Digests;
import dev.gatehouse.platform.RedisGateway;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.mutiny.redis.client.Response;

/**
 * Counts failed logins atomically. Each attempt reserves its failure in Redis before the password
 * is checked, so a parallel burst sees exactly {@code max-failures} checks and then bans; a
 * successful login hands its reservation back.
 */
@Singleton
public class Regulation {

    private static final String PREFIX = "gatehouse:regulation:";
    /** Scope names: in bans' Retry-After audit lines and as the {@code scope} label of the ban counter. */
    private static final String IP = "ip";
    private static final String USER_IP = "user_ip";
    private static final String USER = "user";

    // KEYS: ban1 count1 ban2 count2 ...; ARGV: max1 findMs1 banMs1 max2 ...
    // Returns {0, 0, 0} when allowed, else {remaining ban ms, scope index, 1 if this call started the
    // ban}. A ban starts its scope's count afresh, so that the first failure after it does not ban again.
    private static final String RESERVE = """
            local n = #KEYS / 2
            for i = 1, n do
              local ttl = redis.call('PTTL', KEYS[2*i-1])
              if ttl > 0 then return {ttl, i, 0} end
            end
            local refused, refusedTtl = 0, 0
            for i = 1, n do
              local count = redis.call('INCR', KEYS[2*i])
              if count == 1 then redis.call('PEXPIRE', KEYS[2*i], ARGV[3*i-1]) end
              if refused == 0 and count > tonumber(ARGV[3*i-2]) then refused = i end
            end
            if refused == 0 then return {0, 0, 0} end
            for i = 1, n do
              if i == refused then
                redis.call('SET', KEYS[2*i-1], '1', 'PX', ARGV[3*i])
                redis.call('DEL', KEYS[2*i])
              else
                redis.call('DECR', KEYS[2*i])
              end
            end
            return {tonumber(ARGV[3*refused]), refused, 1}
            """;

    // The failure stands: ban every scope whose count reached its limit. Returns the indexes of the
    // scopes banned.
    private static final String CONFIRM_FAILURE = """
            local banned = {}
            for i = 1, #KEYS / 2 do
              local count = tonumber(redis.call('GET', KEYS[2*i]) or '0')
              if count >= tonumber(ARGV[3*i-2]) then
                redis.call('SET', KEYS[2*i-1], '1', 'PX', ARGV[3*i])
                redis.call('DEL', KEYS[2*i])
                banned[#banned + 1] = i
              end
            end
            return banned
            """;

    // The attempt succeeded: return the reservation; the (user, address) pair starts afresh.
    static final String RELEASE = """
            for i = 1, #KEYS / 2 do
              if tonumber(redis.call('GET', KEYS[2*i]) or '0') > 0 then redis.call('DECR', KEYS[2*i]) end
            end
            redis.call('DEL', KEYS[4])
            return 0
            """;

    // The attempt was not decided either way: hand back its reservation, and nothing else.
    private static final String RETURN = """
            for i = 1, #KEYS / 2 do
              if tonumber(redis.call('GET', KEYS[2*i]) or '0') > 0 then redis.call('DECR', KEYS[2*i]) end
            end
            return 0
            """;

    private final RegulationConfig config;
    private final RedisGateway redis;
    private final FamiliarAddresses familiar;
    /** {@code gatehouse_regulation_bans_total{scope}}: one series per scope name, registered up front. */
    private final Map<String, Counter> bans;

    public Regulation(RegulationConfig config, RedisGateway redis, FamiliarAddresses familiar, MeterRegistry meters) {
        this.config = config;
        this.redis = redis;
        this.familiar = familiar;
        this.bans = Map.of(IP, banCounter(meters, IP), USER_IP, banCounter(meters, USER_IP), USER, banCounter(meters, USER));
    }

    private static Counter banCounter(MeterRegistry meters, String scope) {
        return Counter.builder("gatehouse.regulation.bans").description("Bans started by failed sign-ins, by scope")
                .tag("scope", scope).register(meters);
    }

    /**
     * Reserves a failure in every scope. From an address, or a device, the user signed in from
     * successfully within {@code familiar-for}, the per-user scope does not apply: a flood of failures
     * from elsewhere must not lock the owner out of the places they use. Other addresses stay refused.
     */
    public Attempt begin(String username, String clientAddress) {
        return begin(username, clientAddress, Optional.empty());
    }

    public Attempt begin(String username, String clientAddress, Optional<String> device) {
        String address = RegulatedAddress.of(clientAddress);
        if (!config.enabled()) {
            return Attempt.allowed(username, address, device, List.of());
        }
        boolean known = familiar.knows(username, address) || device.map(id -> familiar.knows(username, deviceKey(id))).orElse(false);
        List<Attempt.Scope> scopes = scopes(username, address, known);
        Response answer = eval(RESERVE, scopes);
        long remainingMs = answer.get(0).toLong();
        if (remainingMs <= 0) {
            return Attempt.allowed(username, address, device, scopes);
        }
        String scope = scopes.get(answer.get(1).toInteger() - 1).name();
        if (answer.get(2).toInteger() == 1) {
            bans.get(scope).increment();
        }
        return Attempt.refused(username, address, device, scopes, Duration.ofMillis(remainingMs), scope);
    }

    public void failed(Attempt attempt) {
        if (!attempt.scopes().isEmpty() && !attempt.banned()) {
            Response banned = eval(CONFIRM_FAILURE, attempt.scopes());
            for (int i = 0; i < banned.size(); i++) {
                bans.get(attempt.scopes().get(banned.get(i).toInteger() - 1).name()).increment();
            }
        }
    }

    public void succeeded(Attempt attempt) {
        if (!attempt.scopes().isEmpty() && !attempt.banned()) {
            eval(RELEASE, attempt.scopes());
            familiar.remember(attempt.username(), attempt.address());
            attempt.device().ifPresent(id -> familiar.remember(attempt.username(), deviceKey(id)));
        }
    }

    /**
     * Neither success nor failure (what the proof is checked against could not be reached): the
     * reserved failure is handed back, and the address is not remembered as familiar.
     */
    public void abandoned(Attempt attempt) {
        if (!attempt.scopes().isEmpty() && !attempt.banned()) {
            eval(RETURN, attempt.scopes());
        }
    }

    /** Devices are remembered by the SHA-256 of their cookie: the store holds nothing a browser could present. */
    private static String deviceKey(String deviceId) {
        return "device:" + Digests.sha256Hex(deviceId);
    }

    /** The (user, address) scope is always second: {@link #RELEASE} clears its counter as {@code KEYS[4]}. */
    List<Attempt.Scope> scopes(String username, String address, boolean familiarAddress) {
        Attempt.Scope ip = scope(IP, "ip:" + address, config.ipMaxFailures(), config.ipFindTime(), config.ipBanTime());
        Attempt.Scope userIp = scope(USER_IP, "user-ip:" + username + "|" + address, config.userIpMaxFailures(),
                config.userIpFindTime(), config.userIpBanTime());
        return familiarAddress ? List.of(ip, userIp) : List.of(ip, userIp,
                scope(USER, "user:" + username, config.userMaxFailures(), config.userFindTime(), config.userBanTime()));
    }

    private static Attempt.Scope scope(String name, String id, int max, Duration find, Duration ban) {
        return new Attempt.Scope(name, PREFIX + "count:" + id, PREFIX + "ban:" + id, max, find, ban);
    }

    private Response eval(String script, List<Attempt.Scope> scopes) {
        List<String> args = evalArguments(script, scopes);
        return redis.call(ds -> ds.execute("EVAL", args.toArray(String[]::new)));
    }

    /** EVAL's arguments: the scripts address a scope's keys and limits by its position in this order. */
    static List<String> evalArguments(String script, List<Attempt.Scope> scopes) {
        List<String> args = new ArrayList<>();
        args.add(script);
        args.add(String.valueOf(scopes.size() * 2));
        for (Attempt.Scope scope : scopes) {
            args.add(scope.banKey());
            args.add(scope.counterKey());
        }
        for (Attempt.Scope scope : scopes) {
            args.add(String.valueOf(scope.maxFailures()));
            args.add(String.valueOf(scope.findTime().toMillis()));
            args.add(String.valueOf(scope.banTime().toMillis()));
        }
        return args;
    }
}
