package dev.gatehouse.admin;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import dev.gatehouse.user.Role;
import dev.gatehouse.user.User;

/** An account as administrators see it: never a credential. Absent values are {@code null}. */
@JsonInclude(JsonInclude.Include.ALWAYS)
@Schema(name = "Account")
public record AccountView(
        String username,
        @Schema(nullable = true) String email,
        @Schema(nullable = true, description = "The display name") String name,
        @Schema(description = "Role ids in catalog order", example = "[\"admin\"]") List<String> roles,
        @Schema(enumeration = { "active", "pending", "disabled" }) String status,
        @Schema(type = SchemaType.STRING, format = "date-time", nullable = true,
                description = "When the account was made; null for accounts older than this field") String created,
        @JsonProperty("last_login") @Schema(type = SchemaType.STRING, format = "date-time", nullable = true,
                description = "The latest successful sign-in") String lastLogin,
        @Schema(enumeration = { "config", "signup", "admin", "sso", "allowlist" },
                description = "config: declared by the operator's configuration, which alone changes it") String source) {

    static AccountView of(User user) {
        return new AccountView(user.username(), user.email().orElse(null), user.displayName().orElse(null),
                Role.ids(user.roles()), user.status().id(), iso(user.created()), iso(user.lastLogin()), user.source().id());
    }

    private static String iso(Optional<Instant> instant) {
        return instant.map(Instant::toString).orElse(null);
    }
}
