package dev.gatehouse.user;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** Makes the password policy injectable; the policy itself is a plain class. */
@Singleton
public class PasswordPolicyProducer {

    @Produces
    @Singleton
    PasswordPolicy passwordPolicy() {
        return new PasswordPolicy();
    }
}
