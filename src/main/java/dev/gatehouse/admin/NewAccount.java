package dev.gatehouse.admin;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An account an administrator makes. Without a password, a code to set one is mailed to
 * {@code email}, and the account cannot sign in until it is set.
 */
@Schema(name = "NewAccount")
public record NewAccount(
        @Schema(required = true, description = "1-64 letters, digits or . _ @ + -, or an e-mail address") String username,
        @Schema(format = "email", description = "Required when there is no password") String email,
        @Schema(description = "The display name") String name,
        @Schema(description = "Checked against the password policy; leave out to mail a set-password code") String password,
        @Schema(required = true, example = "[\"viewer\"]",
                description = "At least one of owner, admin, editor, viewer, analyst, mod, user") List<String> roles) {

    @Override
    public String toString() {
        return "NewAccount[" + username + ", roles=" + roles + "]";
    }
}
