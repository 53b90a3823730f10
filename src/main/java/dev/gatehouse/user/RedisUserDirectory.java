package dev.gatehouse.user;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.inject.Singleton;

import dev.gatehouse.platform.RedisGateway;

/**
 * Accounts in Redis, one hash per user under {@code gatehouse:user:<name>}: the profile's fields
 * and, beside them, {@code password_hash}, which only {@link #passwordHash} reads.
 */
@Singleton
public class RedisUserDirectory implements UserDirectory {

    private static final String PREFIX = "gatehouse:user:";
    private static final String HASH = "password_hash";
    private static final String ROLES = "roles";

    private final RedisGateway redis;

    public RedisUserDirectory(RedisGateway redis) {
        this.redis = redis;
    }

    @Override
    public Optional<User> find(String username) {
        if (!User.isValidName(username)) {
            return Optional.empty();
        }
        Map<String, String> fields = redis.call(ds -> ds.hash(String.class).hmget(key(username), ROLES));
        String roles = fields == null ? null : fields.get(ROLES);
        return roles == null ? Optional.empty() : Optional.of(new User(username, parseRoles(roles)));
    }

    @Override
    public Optional<String> passwordHash(String username) {
        if (!User.isValidName(username)) {
            return Optional.empty();
        }
        return Optional.ofNullable(redis.call(ds -> ds.hash(String.class).hget(key(username), HASH)));
    }

    @Override
    public void save(User user) {
        String roles = user.roles().stream().map(Role::id).sorted().collect(Collectors.joining(","));
        redis.call(ds -> ds.hash(String.class).hset(key(user.username()), Map.of(ROLES, roles)));
    }

    @Override
    public void setPasswordHash(String username, String hash) {
        redis.call(ds -> ds.hash(String.class).hset(key(username), Map.of(HASH, hash)));
    }

    private static String key(String username) {
        return PREFIX + username;
    }

    private static Set<Role> parseRoles(String text) {
        List<String> ids = text.isBlank() ? List.of() : Arrays.asList(text.split(","));
        return Role.parseAll(ids);
    }
}
