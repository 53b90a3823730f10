package dev.gatehouse.access;

import java.time.Clock;
import java.util.Map;
import java.util.Set;

import jakarta.inject.Singleton;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.user.Role;

/**
 * Department memberships an identity provider vouches for. At every sign-in through it, the person is
 * a member of exactly those departments it names that exist here, with one configured role; they are
 * granted by {@code idp/<provider>} (a name no account can have). Memberships an administrator gave
 * are never touched, and a provider cannot make a department: a name Gatehouse does not know gives
 * nothing, so a typo at the provider cannot open anything.
 */
@Singleton
public class ProviderDepartments {

    private final AccessStore store;
    private final Access access;
    private final AuditLog audit;
    private final Clock clock;

    ProviderDepartments(AccessStore store, Access access, AuditLog audit, Clock clock) {
        this.store = store;
        this.access = access;
        this.audit = audit;
        this.clock = clock;
    }

    /** Makes {@code user}'s memberships from {@code provider} exactly {@code named} (those that exist). */
    public void follow(String user, Set<String> named, Role role, String provider, String clientAddress) {
        String by = "idp/" + provider;
        AccessSnapshot now = access.snapshot();
        boolean changed = false;
        for (String department : named) {
            Records.Given held = now.members().getOrDefault(department, Map.of()).get(user);
            boolean wanted = now.departments().containsKey(department)
                    && (held == null || (held.by().equals(by) && held.role() != role));
            if (wanted) {
                store.putMember(department, new Records.Given(user, role, by, clock.instant()));
                audit.record(AuditLog.Event.DEPARTMENT_MEMBER_ADDED, user, clientAddress, "by", by, "department", department,
                        "role", role.id());
                changed = true;
            }
        }
        for (Map.Entry<String, Map<String, Records.Given>> department : now.members().entrySet()) {
            Records.Given held = department.getValue().get(user);
            if (held != null && held.by().equals(by) && !named.contains(department.getKey())) {
                store.deleteMember(department.getKey(), user);
                audit.record(AuditLog.Event.DEPARTMENT_MEMBER_REMOVED, user, clientAddress, "by", by, "department",
                        department.getKey());
                changed = true;
            }
        }
        if (changed) {
            access.changed();
        }
    }
}
