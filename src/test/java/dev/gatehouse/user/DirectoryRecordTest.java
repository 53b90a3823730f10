package dev.gatehouse.user;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import dev.gatehouse.support.RedisResource;
import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;

/** What the directory records beside the profile: when an account was made, its last sign-in, a new address. */
@QuarkusTest
@WithTestResource(RedisResource.class)
class DirectoryRecordTest {

    @Inject
    UserDirectory directory;

    @Inject
    RedisDataSource redis;

    private static User account(String name) {
        return new User(name, Set.of(Role.VIEWER), User.Status.ACTIVE, User.Source.ADMIN, Optional.empty(), Optional.empty(),
                Instant.EPOCH);
    }

    @Test
    void creatingRefusesATakenNameAndLeavesItAsItWas() {
        assertTrue(directory.create(account("first-come"), Optional.of("$2a$04$first")));
        assertFalse(directory.create(account("first-come").withRoles(Set.of(Role.OWNER)), Optional.of("$2a$04$second")));
        assertEquals(Set.of(Role.VIEWER), directory.find("first-come").orElseThrow().roles());
        assertEquals(Optional.of("$2a$04$first"), directory.passwordHash("first-come"));
    }

    @Test
    void aNewAccountDoesNotInheritAStrayPasswordHash() {
        redis.hash(String.class).hset("gatehouse:user:inheritor", Map.of("password_hash", "$2a$04$left-behind"));
        assertTrue(directory.create(account("inheritor"), Optional.empty()));
        assertEquals(Optional.empty(), directory.passwordHash("inheritor"));
    }

    @Test
    void theFirstSaveRecordsTheMakingAndLaterSavesKeepIt() {
        Instant before = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        directory.save(account("chronicled"));
        Instant created = directory.find("chronicled").orElseThrow().created().orElseThrow();
        assertFalse(created.isBefore(before), created.toString());
        directory.save(directory.find("chronicled").orElseThrow().withRoles(Set.of(Role.EDITOR)));
        assertEquals(Optional.of(created), directory.find("chronicled").orElseThrow().created());
    }

    @Test
    void aSignInIsRecordedAndNeverRemakesARemovedAccount() {
        directory.save(account("visitor"));
        Instant at = Instant.parse("2030-01-02T03:04:05.678Z");
        directory.recordLogin("visitor", at);
        assertEquals(Optional.of(at), directory.find("visitor").orElseThrow().lastLogin());
        // A later save of the profile read earlier does not take the record back.
        directory.save(account("visitor").withRoles(Set.of(Role.EDITOR)));
        assertEquals(Optional.of(at), directory.find("visitor").orElseThrow().lastLogin());

        directory.delete("visitor");
        directory.recordLogin("visitor", at);
        directory.setPendingEmail("visitor", Optional.of("late@mail.example"));
        assertFalse(redis.key().exists("gatehouse:user:visitor"));
        assertFalse(directory.names().contains("visitor"));
    }
}
