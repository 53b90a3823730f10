package dev.gatehouse.platform;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

import org.eclipse.microprofile.config.spi.ConfigSource;

/**
 * Redis behind Sentinel: {@code GATEHOUSE_REDIS_SENTINELS=host:port,...} and
 * {@code GATEHOUSE_REDIS_MASTER=name} turn the Quarkus Redis client into a Sentinel client that
 * asks the sentinels where the master of that name is, connects to the master only (role master)
 * and follows a failover by itself (auto-failover). The password ({@code GATEHOUSE_REDIS_PASSWORD},
 * or its {@code _FILE}) is the master's, and the sentinels' too when they require one.
 *
 * <p>Without {@code GATEHOUSE_REDIS_SENTINELS} this source is empty and {@code GATEHOUSE_REDIS_URL}
 * names the one Redis. Both at once, or sentinels without a master name, stop the start: a
 * Gatehouse that silently wrote to a Redis other than the one its operator meant would split its
 * sessions and revocations across two stores.
 */
public class SentinelConfigSource implements ConfigSource {

    static final String SENTINELS = "GATEHOUSE_REDIS_SENTINELS";
    static final String MASTER = "GATEHOUSE_REDIS_MASTER";
    private static final Pattern ADDRESS = Pattern.compile("(rediss?://)?(\\[[0-9A-Fa-f:.]+\\]|[A-Za-z0-9.-]+):[0-9]{1,5}");

    private final Map<String, String> values;

    public SentinelConfigSource() {
        this(System::getenv);
    }

    SentinelConfigSource(Function<String, String> environment) {
        this.values = Map.copyOf(properties(environment));
    }

    private static Map<String, String> properties(Function<String, String> environment) {
        String sentinels = environment.apply(SENTINELS);
        if (sentinels == null || sentinels.isBlank()) {
            return Map.of();
        }
        String master = environment.apply(MASTER);
        if (master == null || master.isBlank()) {
            throw new IllegalStateException(SENTINELS + " is set but " + MASTER
                    + " is not: name the master the sentinels watch (sentinel monitor NAME ...)");
        }
        String url = environment.apply("GATEHOUSE_REDIS_URL");
        if (url != null && !url.isBlank()) {
            throw new IllegalStateException("both GATEHOUSE_REDIS_URL and " + SENTINELS
                    + " are set: use the sentinels alone (the password goes in GATEHOUSE_REDIS_PASSWORD)");
        }
        Map<String, String> properties = new LinkedHashMap<>();
        properties.put("quarkus.redis.client-type", "sentinel");
        properties.put("quarkus.redis.hosts", String.join(",", addresses(sentinels)));
        properties.put("quarkus.redis.master-name", master.strip());
        properties.put("quarkus.redis.role", "master");
        properties.put("quarkus.redis.auto-failover", "true");
        return properties;
    }

    /** {@code host:port} (or a redis:// or rediss:// URL without credentials) for each sentinel. */
    static List<String> addresses(String sentinels) {
        List<String> addresses = new ArrayList<>();
        for (String entry : sentinels.split(",")) {
            String address = entry.strip();
            if (address.isEmpty()) {
                continue;
            }
            if (!ADDRESS.matcher(address).matches()) {
                throw new IllegalStateException(SENTINELS + ": '" + address + "' is not host:port");
            }
            addresses.add(address.startsWith("redis") ? address : "redis://" + address);
        }
        if (addresses.isEmpty()) {
            throw new IllegalStateException(SENTINELS + " names no sentinel");
        }
        return addresses;
    }

    @Override
    public Set<String> getPropertyNames() {
        return values.keySet();
    }

    @Override
    public String getValue(String propertyName) {
        return values.get(propertyName);
    }

    @Override
    public String getName() {
        return "gatehouse-redis-sentinels";
    }

    /** Above application.properties (250), below the environment (300): QUARKUS_REDIS_* set directly still win. */
    @Override
    public int getOrdinal() {
        return 280;
    }
}
