package dev.gatehouse.authn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.gatehouse.support.RedisResource;
import dev.gatehouse.support.TestUsers;
import dev.gatehouse.user.Role;
import dev.gatehouse.user.User;
import dev.gatehouse.user.UserDirectory;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
@WithTestResource(RedisResource.class)
class PasswordRehashTest {

    @Inject
    UserDirectory users;

    @Test
    void storesOnlyBcryptHashes() {
        String hash = users.passwordHash(TestUsers.ADMIN).orElseThrow();
        assertTrue(hash.startsWith("$2"), "bcrypt modular crypt format");
        assertTrue(!hash.contains(TestUsers.ADMIN_PASSWORD));
    }

    @Test
    void rehashesOnLoginWhenTheCostChanged() {
        users.save(User.declared("legacy", Set.of(Role.USER)));
        users.setPasswordHash("legacy", BcryptUtil.bcryptHash("legacy-password", 5));
        TestUsers.login("legacy", "legacy-password");
        String upgraded = users.passwordHash("legacy").orElseThrow();
        assertTrue(upgraded.startsWith("$2a$04$") || upgraded.startsWith("$2y$04$") || upgraded.startsWith("$2b$04$"),
                "rehashed with the configured cost 4: " + upgraded.substring(0, 7));
        TestUsers.login("legacy", "legacy-password");
    }
}
