package dev.gatehouse.access;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import jakarta.inject.Singleton;

import dev.gatehouse.platform.RedisGateway;

/**
 * Resources, grants, departments and members in Redis: {@code gatehouse:access:resources} and
 * {@code gatehouse:access:departments} (id to record), {@code gatehouse:access:grants:<resource>} and
 * {@code gatehouse:access:members:<department>} (account to role, giver and time). Reads load
 * everything at once: the data is small and decisions are answered from a copy in memory.
 */
@Singleton
class AccessStore {

    static final String RESOURCES = "gatehouse:access:resources";
    static final String DEPARTMENTS = "gatehouse:access:departments";
    static final String GRANTS = "gatehouse:access:grants:";
    static final String MEMBERS = "gatehouse:access:members:";

    private final RedisGateway redis;

    AccessStore(RedisGateway redis) {
        this.redis = redis;
    }

    /** Everything, as it is now. */
    AccessSnapshot load() {
        return redis.call(ds -> {
            Map<String, Records.Resource> resources = new HashMap<>();
            ds.hash(String.class).hgetall(RESOURCES).forEach((id, text) -> resources.put(id, Records.Resource.decode(id, text)));
            Map<String, String> departments = new HashMap<>(ds.hash(String.class).hgetall(DEPARTMENTS));
            Map<String, Map<String, Records.Given>> grants = new HashMap<>();
            for (String resource : resources.keySet()) {
                grants.put(resource, decode(ds.hash(String.class).hgetall(GRANTS + resource)));
            }
            Map<String, Map<String, Records.Given>> members = new HashMap<>();
            for (String department : departments.keySet()) {
                members.put(department, decode(ds.hash(String.class).hgetall(MEMBERS + department)));
            }
            return new AccessSnapshot(resources, departments, grants, members);
        });
    }

    private static Map<String, Records.Given> decode(Map<String, String> stored) {
        Map<String, Records.Given> given = new HashMap<>();
        stored.forEach((user, text) -> given.put(user, Records.Given.decode(user, text)));
        return given;
    }

    void putResource(Records.Resource resource) {
        redis.call(ds -> ds.hash(String.class).hset(RESOURCES, resource.id(), resource.encode()));
    }

    void deleteResource(String id) {
        redis.call(ds -> {
            ds.hash(String.class).hdel(RESOURCES, id);
            return ds.key().del(GRANTS + id);
        });
    }

    void putDepartment(String id, String name) {
        redis.call(ds -> ds.hash(String.class).hset(DEPARTMENTS, id, name));
    }

    void deleteDepartment(String id) {
        redis.call(ds -> {
            ds.hash(String.class).hdel(DEPARTMENTS, id);
            return ds.key().del(MEMBERS + id);
        });
    }

    /** Gives the role; true when the account had none there before. */
    boolean putGrant(String resource, Records.Given given) {
        return redis.call(ds -> ds.hash(String.class).hset(GRANTS + resource, given.user(), given.encode()));
    }

    boolean deleteGrant(String resource, String user) {
        return redis.call(ds -> ds.hash(String.class).hdel(GRANTS + resource, user)) > 0;
    }

    boolean putMember(String department, Records.Given given) {
        return redis.call(ds -> ds.hash(String.class).hset(MEMBERS + department, given.user(), given.encode()));
    }

    boolean deleteMember(String department, String user) {
        return redis.call(ds -> ds.hash(String.class).hdel(MEMBERS + department, user)) > 0;
    }

    Optional<String> departmentName(String id) {
        return Optional.ofNullable(redis.call(ds -> ds.hash(String.class).hget(DEPARTMENTS, id)));
    }
}
