package dev.gatehouse.access;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.gatehouse.authz.AccessFacts;
import dev.gatehouse.user.Role;

/** Resources, departments, grants and members at one moment: immutable, read by every decision without locks. */
record AccessSnapshot(Map<String, Records.Resource> resources, Map<String, String> departments,
        Map<String, Map<String, Records.Given>> grants, Map<String, Map<String, Records.Given>> members)
        implements AccessFacts {

    static final AccessSnapshot EMPTY = new AccessSnapshot(Map.of(), Map.of(), Map.of(), Map.of());

    AccessSnapshot {
        resources = Map.copyOf(resources);
        departments = Map.copyOf(departments);
        grants = grants.entrySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey,
                entry -> Map.copyOf(entry.getValue())));
        members = members.entrySet().stream().collect(java.util.stream.Collectors.toUnmodifiableMap(Map.Entry::getKey,
                entry -> Map.copyOf(entry.getValue())));
    }

    @Override
    public Optional<Role> grantOn(String resource, String username) {
        return Optional.ofNullable(grants.getOrDefault(resource, Map.of()).get(username)).map(Records.Given::role);
    }

    @Override
    public Optional<String> departmentOf(String resource) {
        return Optional.ofNullable(resources.get(resource)).flatMap(Records.Resource::department);
    }

    @Override
    public Optional<Role> roleIn(String department, String username) {
        return Optional.ofNullable(members.getOrDefault(department, Map.of()).get(username)).map(Records.Given::role);
    }

    /** The departments {@code username} belongs to, with the role held in each. */
    Map<String, Role> membershipsOf(String username) {
        Map<String, Role> found = new java.util.TreeMap<>();
        members.forEach((department, list) -> Optional.ofNullable(list.get(username))
                .ifPresent(given -> found.put(department, given.role())));
        return found;
    }

    /** The resources {@code username} was granted a role on, with the role. */
    Map<String, Role> grantsOf(String username) {
        Map<String, Role> found = new java.util.TreeMap<>();
        grants.forEach((resource, list) -> Optional.ofNullable(list.get(username))
                .ifPresent(given -> found.put(resource, given.role())));
        return found;
    }

    List<Records.Given> grantsOn(String resource) {
        return grants.getOrDefault(resource, Map.of()).values().stream()
                .sorted(java.util.Comparator.comparing(Records.Given::user)).toList();
    }
}
