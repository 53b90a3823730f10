package dev.gatehouse.authz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.gatehouse.authn.Identity;
import dev.gatehouse.user.Role;

class AuthorizerTest {

    static Stream<Arguments> table() {
        return Stream.of(
                // who (null: nobody signed in), holds, resource asks any of, decision
                Arguments.of(null, Set.of(), Set.of(Role.ADMIN), Decision.UNAUTHENTICATED),
                Arguments.of(null, Set.of(), Set.of(), Decision.UNAUTHENTICATED),
                Arguments.of("ada", Set.of(Role.ADMIN), Set.of(Role.ADMIN, Role.MOD), Decision.ALLOW),
                Arguments.of("mo", Set.of(Role.MOD), Set.of(Role.ADMIN, Role.MOD), Decision.ALLOW),
                Arguments.of("ursula", Set.of(Role.USER), Set.of(Role.ADMIN, Role.MOD), Decision.FORBIDDEN),
                Arguments.of("ursula", Set.of(Role.USER), Set.of(Role.USER), Decision.ALLOW),
                Arguments.of("many", Set.of(Role.USER, Role.MOD), Set.of(Role.MOD), Decision.ALLOW),
                Arguments.of("nobody-roles", Set.of(), Set.of(Role.USER), Decision.FORBIDDEN),
                // a location that names only unknown roles asks for an empty set: it stays shut
                Arguments.of("ada", Set.of(Role.ADMIN), Set.of(), Decision.FORBIDDEN));
    }

    @org.junit.jupiter.api.Test
    void anyoneSignedInAdmitsEveryIdentityButNobodySignedOut() {
        Identity roleless = new Identity("carol@example.com", Set.of(), Identity.Via.SESSION, Optional.empty());
        assertEquals(Decision.ALLOW, Authorizer.decide(Optional.of(roleless), Requirement.signedIn()));
        assertEquals(Decision.UNAUTHENTICATED, Authorizer.decide(Optional.empty(), Requirement.signedIn()));
    }

    @ParameterizedTest(name = "{0} holding {1}, resource wants {2}: {3}")
    @MethodSource("table")
    void decides(String username, Set<Role> holds, Set<Role> wants, Decision expected) {
        Optional<Identity> identity = Optional.ofNullable(username)
                .map(name -> new Identity(name, holds, Identity.Via.SESSION, Optional.empty()));
        assertEquals(expected, Authorizer.decide(identity, Requirement.anyOf(wants)));
    }
}
