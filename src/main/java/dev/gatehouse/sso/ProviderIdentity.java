package dev.gatehouse.sso;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.gatehouse.user.EmailAddress;
import dev.gatehouse.user.Role;

/**
 * Who the provider says signed in: its subject, the address and whether it checked it, a display name,
 * the roles its groups map to, and the provider's session id ({@code sid}, for back-channel logout).
 */
public record ProviderIdentity(String subject, Optional<String> email, boolean emailVerified, Optional<String> name,
        Set<Role> roles, Optional<String> sid) {

    /** Display names end up on pages and in logs: short, without control characters. */
    private static final int MAX_NAME = 100;

    static ProviderIdentity of(String subject, Map<String, Object> claims, RoleMapping roles) {
        Optional<String> email = text(claims.get("email")).flatMap(EmailAddress::parse);
        boolean verified = Boolean.TRUE.equals(claims.get("email_verified"))
                || "true".equals(claims.get("email_verified"));
        Optional<String> name = displayName(text(claims.get("name")).or(() -> text(claims.get("preferred_username"))));
        return new ProviderIdentity(subject, email, verified, name, roles.rolesFor(claims), text(claims.get("sid")));
    }

    /** A provider's address, when it is one. */
    static Optional<String> email(Optional<String> text) {
        return text.flatMap(EmailAddress::parse);
    }

    /** A provider's display name, when it is fit to show. */
    static Optional<String> displayName(Optional<String> text) {
        return text.map(String::strip)
                .filter(name -> !name.isEmpty() && name.length() <= MAX_NAME && name.codePoints().noneMatch(Character::isISOControl));
    }

    private static Optional<String> text(Object value) {
        return value instanceof String string && !string.isBlank() ? Optional.of(string) : Optional.empty();
    }

    @Override
    public String toString() {
        return "ProviderIdentity[" + subject + "]";
    }
}
