package dev.gatehouse.platform;

import java.security.SecureRandom;
import java.time.Clock;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import io.quarkus.arc.DefaultBean;

/** Time and randomness as beans, so that tests can replace them. */
public class Platform {

    @Produces
    @Singleton
    @DefaultBean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Produces
    @Singleton
    @DefaultBean
    SecureRandom secureRandom() {
        return new SecureRandom();
    }
}
