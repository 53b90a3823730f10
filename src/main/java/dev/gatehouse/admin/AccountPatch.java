package dev.gatehouse.admin;

import java.util.List;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** What an administrator changes on an account; every field is optional and absent ones stay. */
@Schema(name = "AccountPatch")
public record AccountPatch(
        @Schema(description = "The new set of roles (not added to the old one)", example = "[\"editor\"]") List<String> roles,
        @Schema(description = "true disables the account and ends its sessions and tokens; false enables it again")
        Boolean disabled,
        @Schema(description = "The display name; an empty one removes it") String name,
        @Schema(format = "email", description = "Applies once the code mailed to the new address is entered "
                + "(POST /auth/email/verify by the account)") String email) {
}
