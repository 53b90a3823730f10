package dev.gatehouse.authn;

import com.fasterxml.jackson.annotation.JsonProperty;

import dev.gatehouse.token.IssuedToken;

/** The OAuth-style answer to a successful login. */
public record TokenResponse(
        String token,
        @JsonProperty("token_type") String tokenType,
        @JsonProperty("expires_in") long expiresIn) {

    public static TokenResponse of(IssuedToken issued) {
        return new TokenResponse(issued.token(), "Bearer", issued.expiresInSeconds());
    }
}
