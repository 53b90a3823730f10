package dev.gatehouse.authn;

import java.util.Optional;

import dev.gatehouse.user.User;

/**
 * One way of proving who you are: a password now; an e-mailed code, an identity provider or a
 * one-time password later. The {@link LoginPipeline} runs regulation, padding and audit around it.
 *
 * @param <P> what the person presents
 */
public interface Factor<P> {

    /** The name of the method in sessions and audit lines, e.g. {@code password}. */
    String method();

    /** What a failed sign-in says, the same for every way it failed. */
    default String rejection() {
        return LoginPipeline.INVALID;
    }

    /**
     * The account when {@code proof} holds for {@code username}, else empty. Must cost the same
     * whether or not the account exists, so that timing does not tell.
     */
    Optional<User> verify(String username, P proof);
}
