package dev.gatehouse.authz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.gatehouse.authn.Identity;
import dev.gatehouse.user.Role;

/** The shipped catalog, role by role and permission by permission, as the table states it. */
class PermissionMatrixTest {

    static final List<String> ALL = List.of("bots:create", "bots:edit", "bots:delete", "bots:view", "bots:duplicate",
            "users:add", "users:edit", "users:remove", "users:assign-roles", "users:view", "users:impersonate",
            "billing:view", "billing:manage", "billing:change-plan", "analytics:view", "analytics:export", "analytics:reports",
            "prompts:edit", "prompts:view", "data:upload", "data:add-urls", "data:manage-qa", "data:view");
    static final Set<String> EDITOR = Set.of("bots:create", "bots:edit", "bots:view", "bots:duplicate", "prompts:edit",
            "prompts:view", "data:upload", "data:add-urls", "data:manage-qa", "data:view", "analytics:view");
    static final Set<String> VIEWER = Set.of("bots:view", "analytics:view", "prompts:view", "data:view");
    static final Map<Role, Set<String>> TABLE = Map.of(
            Role.OWNER, Set.copyOf(ALL),
            Role.ADMIN, Set.copyOf(ALL.stream().filter(p -> !p.startsWith("billing:") && !p.equals("users:impersonate")).toList()),
            Role.EDITOR, EDITOR,
            Role.VIEWER, VIEWER,
            Role.ANALYST, Set.of("analytics:view", "analytics:export", "analytics:reports"),
            Role.MOD, EDITOR,
            Role.USER, VIEWER);

    static Catalog shipped() {
        try (InputStream in = PermissionMatrixTest.class.getClassLoader().getResourceAsStream("gatehouse/authz.yaml")) {
            return Catalog.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static Stream<Arguments> matrix() {
        List<Arguments> cells = new ArrayList<>();
        for (Role role : Role.values()) {
            for (String permission : ALL) {
                cells.add(Arguments.of(role, permission, TABLE.get(role).contains(permission) ? Decision.ALLOW : Decision.FORBIDDEN));
            }
        }
        return cells.stream();
    }

    private static Optional<Identity> holding(Role... roles) {
        return Optional.of(new Identity("pat", Set.of(roles), Identity.Via.TOKEN, Optional.empty()));
    }

    @ParameterizedTest(name = "{0} asks {1}: {2}")
    @MethodSource("matrix")
    void everyRoleHoldsExactlyItsPermissions(Role role, String permission, Decision expected) {
        assertEquals(expected, Authorizer.decide(holding(role), Requirement.permission(permission, Optional.empty()), shipped(),
                AccessFacts.NONE));
    }

    @Test
    void theCatalogListsEveryPermissionInOrder() {
        assertEquals(ALL, shipped().permissions());
    }

    @Test
    void anUnknownPermissionIsForbiddenEvenToAnOwner() {
        assertEquals(Decision.FORBIDDEN, Authorizer.decide(holding(Role.OWNER),
                Requirement.permission("bots:fly", Optional.empty()), shipped(), AccessFacts.NONE));
    }

    @Test
    void nobodySignedInIsUnauthenticated() {
        assertEquals(Decision.UNAUTHENTICATED, Authorizer.decide(Optional.empty(),
                Requirement.permission("bots:view", Optional.empty()), shipped(), AccessFacts.NONE));
    }

    @Test
    void roleAndPermissionMustBothHold() {
        Requirement both = Requirement.anyOf(Set.of(Role.ANALYST)).andPermission("bots:view", Optional.empty());
        assertEquals(Decision.FORBIDDEN, Authorizer.decide(holding(Role.VIEWER), both, shipped(), AccessFacts.NONE));
        assertEquals(Decision.FORBIDDEN, Authorizer.decide(holding(Role.ANALYST), both, shipped(), AccessFacts.NONE));
        assertEquals(Decision.ALLOW, Authorizer.decide(holding(Role.ANALYST, Role.VIEWER), both, shipped(), AccessFacts.NONE));
    }

    /** A grant on bot-1 to pat as editor; bot-2 belongs to sales, where pat is a viewer. */
    static final AccessFacts FACTS = new AccessFacts() {
        @Override
        public Optional<Role> grantOn(String resource, String username) {
            return resource.equals("bot-1") && username.equals("pat") ? Optional.of(Role.EDITOR) : Optional.empty();
        }

        @Override
        public Optional<String> departmentOf(String resource) {
            return resource.equals("bot-2") ? Optional.of("sales") : Optional.empty();
        }

        @Override
        public Optional<Role> roleIn(String department, String username) {
            return department.equals("sales") && username.equals("pat") ? Optional.of(Role.VIEWER) : Optional.empty();
        }
    };

    static Stream<Arguments> resources() {
        return Stream.of(
                // permission, resource, decision for pat who holds only the analyst role globally
                Arguments.of("bots:edit", "bot-1", Decision.ALLOW), // through the grant
                Arguments.of("bots:delete", "bot-1", Decision.FORBIDDEN), // editors may not delete
                Arguments.of("bots:view", "bot-2", Decision.ALLOW), // through the department
                Arguments.of("bots:edit", "bot-2", Decision.FORBIDDEN), // a department viewer may not edit
                Arguments.of("bots:edit", "bot-3", Decision.FORBIDDEN), // nothing on bot-3
                Arguments.of("bots:edit", null, Decision.FORBIDDEN), // a grant counts only for its resource
                Arguments.of("analytics:export", "bot-3", Decision.ALLOW)); // through the global role
    }

    @ParameterizedTest(name = "{0} on {1}: {2}")
    @MethodSource("resources")
    void permissionsComeFromGrantsAndDepartmentsOnTheirResourceOnly(String permission, String resource, Decision expected) {
        assertEquals(expected, Authorizer.decide(holding(Role.ANALYST), Requirement.permission(permission,
                Optional.ofNullable(resource)), shipped(), FACTS));
    }

    @Test
    void aCatalogWithATypoIsRefusedWithTheReason() {
        String unknownPermission = "permissions: [bots:view]\nroles:\n  viewer: [bots:veiw]\n";
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Catalog.parse(unknownPermission)).getMessage()
                .contains("bots:veiw"));
        String unknownRole = "permissions: [bots:view]\nroles:\n  superuser: [bots:view]\n";
        assertTrue(assertThrows(IllegalArgumentException.class, () -> Catalog.parse(unknownRole)).getMessage()
                .contains("superuser"));
        String loop = "permissions: [bots:view]\nroles:\n  mod: [\"role:user\"]\n  user: [\"role:mod\"]\n";
        assertThrows(IllegalArgumentException.class, () -> Catalog.parse(loop));
        assertThrows(IllegalArgumentException.class, () -> Catalog.parse("- just\n- a list\n"));
        assertThrows(IllegalArgumentException.class, () -> Catalog.parse("permissions: [Bots View]\nroles: {}\n"));
    }
}
