package dev.gatehouse.account;

import java.util.Optional;

import jakarta.inject.Singleton;

import dev.gatehouse.authn.Factor;
import dev.gatehouse.code.CodeInput;
import dev.gatehouse.user.User;

/**
 * The signup code as the first sign-in: it activates the account, and the
 * {@link dev.gatehouse.authn.LoginPipeline} around it adds regulation, padding and the login audit.
 */
@Singleton
class SignupCodeFactor implements Factor<SignupCodeFactor.Proof> {

    record Proof(String code, String clientAddress) {
        @Override
        public String toString() {
            return "Proof[" + clientAddress + "]";
        }
    }

    private final Signup signup;

    SignupCodeFactor(Signup signup) {
        this.signup = signup;
    }

    @Override
    public String method() {
        return "signup-code";
    }

    @Override
    public String rejection() {
        return CodeInput.INVALID_CODE;
    }

    @Override
    public Optional<User> verify(String address, Proof proof) {
        return signup.activate(address, proof.code(), proof.clientAddress());
    }
}
