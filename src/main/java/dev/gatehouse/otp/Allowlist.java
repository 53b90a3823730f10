package dev.gatehouse.otp;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import dev.gatehouse.user.EmailAddress;
import dev.gatehouse.user.Role;

/**
 * Who may sign in with an e-mailed code, and with which roles: the parsed allowlist file. One entry
 * per line, an exact address ({@code alice@example.com}) or a whole domain ({@code *@example.com}),
 * then optionally whitespace and comma-separated roles. {@code #} starts a comment anywhere on a
 * line. An exact entry wins over its domain's. A line that does not parse is reported and skipped,
 * so one typo does not lock out everyone else. Pure: the file watching is {@link AllowlistFile}'s.
 */
public final class Allowlist {

    /** A line that was skipped, and why. */
    public record Problem(int line, String reason) {
    }

    public static final Allowlist EMPTY = new Allowlist(Map.of(), Map.of(), List.of());

    private static final String DOMAIN_WILDCARD = "*@";

    private final Map<String, Set<Role>> addresses;
    private final Map<String, Set<Role>> domains;
    private final List<Problem> problems;

    private Allowlist(Map<String, Set<Role>> addresses, Map<String, Set<Role>> domains, List<Problem> problems) {
        this.addresses = Map.copyOf(addresses);
        this.domains = Map.copyOf(domains);
        this.problems = List.copyOf(problems);
    }

    public static Allowlist parse(List<String> lines, Set<Role> defaultRoles) {
        Map<String, Set<Role>> addresses = new HashMap<>();
        Map<String, Set<Role>> domains = new HashMap<>();
        List<Problem> problems = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String text = withoutComment(lines.get(i)).strip();
            if (text.isEmpty()) {
                continue;
            }
            String[] fields = text.split("\\s+");
            Optional<String> error = fields.length > 2 ? Optional.of("expected an address and optionally roles, found more")
                    : add(fields[0], fields.length == 2 ? fields[1] : null, defaultRoles, addresses, domains);
            int lineNumber = i + 1;
            error.ifPresent(reason -> problems.add(new Problem(lineNumber, reason)));
        }
        return new Allowlist(addresses, domains, problems);
    }

    private static Optional<String> add(String who, String roleList, Set<Role> defaultRoles,
            Map<String, Set<Role>> addresses, Map<String, Set<Role>> domains) {
        Set<Role> roles = defaultRoles;
        if (roleList != null) {
            roles = EnumSet.noneOf(Role.class);
            for (String id : roleList.split(",")) {
                Optional<Role> role = Role.parse(id);
                if (role.isEmpty()) {
                    return Optional.of("unknown role '" + id.strip() + "'");
                }
                roles.add(role.get());
            }
        }
        String lower = who.toLowerCase(Locale.ROOT);
        if (lower.startsWith(DOMAIN_WILDCARD)) {
            Optional<String> domain = EmailAddress.parse("x@" + lower.substring(DOMAIN_WILDCARD.length()))
                    .map(EmailAddress::domainOf);
            if (domain.isEmpty()) {
                return Optional.of("not a domain after '*@': '" + who + "'");
            }
            domains.put(domain.get(), Set.copyOf(roles));
            return Optional.empty();
        }
        Optional<String> address = EmailAddress.parse(lower);
        if (address.isEmpty()) {
            return Optional.of("not an e-mail address or *@domain: '" + who + "'");
        }
        addresses.put(address.get(), Set.copyOf(roles));
        return Optional.empty();
    }

    private static String withoutComment(String line) {
        int hash = line.indexOf('#');
        return hash < 0 ? line : line.substring(0, hash);
    }

    /** The roles {@code address} signs in with, or empty when the list does not admit it. */
    public Optional<Set<Role>> rolesOf(String address) {
        Optional<String> canonical = EmailAddress.parse(address);
        if (canonical.isEmpty()) {
            return Optional.empty();
        }
        Set<Role> exact = addresses.get(canonical.get());
        return exact != null ? Optional.of(exact)
                : Optional.ofNullable(domains.get(EmailAddress.domainOf(canonical.get())));
    }

    public boolean admits(String address) {
        return rolesOf(address).isPresent();
    }

    /** The lines that were skipped. */
    public List<Problem> problems() {
        return problems;
    }

    /** Entries loaded: exact addresses plus domains. */
    public int size() {
        return addresses.size() + domains.size();
    }
}
