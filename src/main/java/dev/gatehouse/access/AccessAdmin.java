package dev.gatehouse.access;

import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.authn.Identity;
import dev.gatehouse.problem.ProblemException;
import dev.gatehouse.user.Role;
import dev.gatehouse.user.UserDirectory;

/**
 * Changing resources, grants, departments and members, and who may. Global owners and admins may
 * change everything; a department's admin (or owner) may change that department's resources, grants
 * and members, and nothing else; only a global owner may give the {@code owner} role, anywhere.
 * Every change reaches every instance's decisions within seconds (see {@link Access}).
 */
@Singleton
public class AccessAdmin {

    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");
    static final int MAX_NAME_LENGTH = 200;
    private static final Set<Role> ADMINISTERING = Set.of(Role.OWNER, Role.ADMIN);

    /** A grant or membership as the API shows it. */
    public record Given(String user, String role, @JsonProperty("granted_by") String grantedBy,
            @JsonProperty("granted_at") java.time.Instant grantedAt) {
        static Given of(Records.Given given) {
            return new Given(given.user(), given.role().id(), given.by(), given.at());
        }
    }

    /** A resource as the API shows it. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record Resource(String id, String name, String department) {
        static Resource of(Records.Resource resource) {
            return new Resource(resource.id(), resource.name(), resource.department().orElse(null));
        }
    }

    /** A change and whether it made something new (201) or replaced something (200). */
    public record Outcome<T>(T value, boolean created) {
    }

    private final AccessStore store;
    private final Access access;
    private final UserDirectory directory;
    private final AuditLog audit;
    private final Clock clock;

    AccessAdmin(AccessStore store, Access access, UserDirectory directory, AuditLog audit, Clock clock) {
        this.store = store;
        this.access = access;
        this.directory = directory;
        this.audit = audit;
        this.clock = clock;
    }

    public List<Resource> resources(Identity caller) {
        AccessSnapshot now = access.snapshot();
        boolean global = isGlobalAdmin(caller);
        if (!global && administeredDepartments(caller, now).isEmpty()) {
            throw forbidden();
        }
        return now.resources().values().stream()
                .filter(resource -> global || resource.department().map(d -> administers(caller, d, now)).orElse(false))
                .sorted(Comparator.comparing(Records.Resource::id)).map(Resource::of).toList();
    }

    public Outcome<Resource> putResource(Identity caller, String id, String name, Optional<String> department) {
        requireId("id", id);
        String cleanName = requireName(name);
        AccessSnapshot now = access.snapshot();
        department.ifPresent(d -> {
            if (!now.departments().containsKey(d)) {
                throw invalid("department", "names no department");
            }
        });
        Optional<Records.Resource> existing = Optional.ofNullable(now.resources().get(id));
        boolean allowed = isGlobalAdmin(caller) || department.map(d -> administers(caller, d, now)).orElse(false)
                && existing.flatMap(Records.Resource::department).map(d -> administers(caller, d, now)).orElse(existing.isEmpty());
        if (!allowed) {
            throw forbidden();
        }
        Records.Resource resource = new Records.Resource(id, cleanName, department);
        store.putResource(resource);
        access.changed();
        return new Outcome<>(Resource.of(resource), existing.isEmpty());
    }

    public void deleteResource(Identity caller, String id) {
        Records.Resource resource = resource(id);
        requireAdministers(caller, resource.department());
        store.deleteResource(id);
        access.changed();
    }

    public List<Given> grants(Identity caller, String resourceId) {
        Records.Resource resource = resource(resourceId);
        requireAdministers(caller, resource.department());
        return access.snapshot().grantsOn(resourceId).stream().map(Given::of).toList();
    }

    public Outcome<Given> grant(Identity caller, String resourceId, String user, String roleId, String clientAddress) {
        Records.Resource resource = resource(resourceId);
        requireAdministers(caller, resource.department());
        Role role = roleToGive(caller, roleId);
        requireAccount(user);
        Records.Given given = new Records.Given(user, role, caller.username(), clock.instant());
        boolean created = store.putGrant(resourceId, given);
        access.changed();
        audit.record(AuditLog.Event.ROLE_GRANTED, user, clientAddress, "by", caller.username(), "resource", resourceId,
                "role", role.id());
        return new Outcome<>(Given.of(given), created);
    }

    public void revoke(Identity caller, String resourceId, String user, String clientAddress) {
        Records.Resource resource = resource(resourceId);
        requireAdministers(caller, resource.department());
        if (!store.deleteGrant(resourceId, user)) {
            throw notFound("No such grant.");
        }
        access.changed();
        audit.record(AuditLog.Event.ROLE_REVOKED, user, clientAddress, "by", caller.username(), "resource", resourceId);
    }

    public Outcome<String> putDepartment(Identity caller, String id, String name) {
        requireId("id", id);
        String cleanName = requireName(name);
        if (!isGlobalAdmin(caller)) {
            throw forbidden();
        }
        boolean created = !access.snapshot().departments().containsKey(id);
        store.putDepartment(id, cleanName);
        access.changed();
        return new Outcome<>(cleanName, created);
    }

    public void deleteDepartment(Identity caller, String id) {
        if (!isGlobalAdmin(caller)) {
            throw forbidden();
        }
        AccessSnapshot now = access.snapshot();
        if (!now.departments().containsKey(id)) {
            throw notFound("No such department.");
        }
        // Its resources stay, without a department: their grants still count, the members' roles no longer do.
        now.resources().values().stream().filter(resource -> resource.department().map(id::equals).orElse(false))
                .forEach(resource -> store.putResource(new Records.Resource(resource.id(), resource.name(), Optional.empty())));
        store.deleteDepartment(id);
        access.changed();
    }

    public Outcome<Given> addMember(Identity caller, String department, String user, String roleId, String clientAddress) {
        requireDepartment(department);
        requireAdministers(caller, Optional.of(department));
        Role role = roleToGive(caller, roleId);
        requireAccount(user);
        Records.Given given = new Records.Given(user, role, caller.username(), clock.instant());
        boolean created = store.putMember(department, given);
        access.changed();
        audit.record(AuditLog.Event.DEPARTMENT_MEMBER_ADDED, user, clientAddress, "by", caller.username(), "department",
                department, "role", role.id());
        return new Outcome<>(Given.of(given), created);
    }

    public void removeMember(Identity caller, String department, String user, String clientAddress) {
        requireDepartment(department);
        requireAdministers(caller, Optional.of(department));
        if (!store.deleteMember(department, user)) {
            throw notFound("No such member.");
        }
        access.changed();
        audit.record(AuditLog.Event.DEPARTMENT_MEMBER_REMOVED, user, clientAddress, "by", caller.username(), "department",
                department);
    }

    public List<Given> members(Identity caller, String department) {
        requireDepartment(department);
        requireAdministers(caller, Optional.of(department));
        return access.snapshot().members().getOrDefault(department, java.util.Map.of()).values().stream()
                .sorted(Comparator.comparing(Records.Given::user)).map(Given::of).toList();
    }

    private Role roleToGive(Identity caller, String roleId) {
        Role role = Role.parse(roleId == null ? "" : roleId).orElseThrow(() -> invalid("role",
                "must be one of " + Role.CATALOG));
        if (role == Role.OWNER && !caller.roles().contains(Role.OWNER)) {
            throw new ProblemException(403, "Forbidden", "Only an owner may give the owner role.");
        }
        return role;
    }

    private void requireAccount(String user) {
        if (directory.find(user).isEmpty()) {
            throw notFound("No such account.");
        }
    }

    private Records.Resource resource(String id) {
        return Optional.ofNullable(access.snapshot().resources().get(id)).orElseThrow(() -> notFound("No such resource."));
    }

    private void requireDepartment(String id) {
        if (!access.snapshot().departments().containsKey(id)) {
            throw notFound("No such department.");
        }
    }

    private void requireAdministers(Identity caller, Optional<String> department) {
        AccessSnapshot now = access.snapshot();
        if (!isGlobalAdmin(caller) && !department.map(d -> administers(caller, d, now)).orElse(false)) {
            throw forbidden();
        }
    }

    private static boolean isGlobalAdmin(Identity caller) {
        return caller.roles().stream().anyMatch(ADMINISTERING::contains);
    }

    private static boolean administers(Identity caller, String department, AccessSnapshot now) {
        return now.roleIn(department, caller.username()).map(ADMINISTERING::contains).orElse(false);
    }

    private static List<String> administeredDepartments(Identity caller, AccessSnapshot now) {
        return now.departments().keySet().stream().filter(d -> administers(caller, d, now)).toList();
    }

    private static void requireId(String field, String id) {
        if (id == null || !ID.matcher(id).matches()) {
            throw invalid(field, "must be 1-64 letters, digits or . _ -");
        }
    }

    private static String requireName(String name) {
        if (name == null || name.isBlank() || name.strip().length() > MAX_NAME_LENGTH
                || name.chars().anyMatch(Character::isISOControl)) {
            throw invalid("name", "must be 1-" + MAX_NAME_LENGTH + " characters, without control characters");
        }
        return name.strip();
    }

    private static ProblemException invalid(String field, String rule) {
        return ProblemException.invalidField(field, rule);
    }

    private static ProblemException forbidden() {
        return new ProblemException(403, "Forbidden", "Only an owner or admin, or an admin of the department, may do this.");
    }

    private static ProblemException notFound(String detail) {
        return new ProblemException(404, "Not Found", detail);
    }
}
