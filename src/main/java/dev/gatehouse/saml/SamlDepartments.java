package dev.gatehouse.saml;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import jakarta.inject.Singleton;

import dev.gatehouse.access.ProviderDepartments;
import dev.gatehouse.http.ClientAddress;
import dev.gatehouse.user.Role;
import dev.gatehouse.user.User;
import io.vertx.core.http.HttpServerRequest;

/**
 * The {@code department} attribute made into department memberships at every sign-in
 * ({@link SamlConfig#departmentRole()}). The role is read at start, so that a typo stops Gatehouse
 * there rather than quietly granting nothing.
 */
@Singleton
class SamlDepartments {

    private final ProviderDepartments departments;
    private final ClientAddress clientAddress;
    private final SamlConfig config;
    private final Optional<Role> role;

    SamlDepartments(ProviderDepartments departments, ClientAddress clientAddress, SamlConfig config) {
        this.departments = departments;
        this.clientAddress = clientAddress;
        this.config = config;
        this.role = config.departmentRole().equalsIgnoreCase("none") ? Optional.empty()
                : Optional.of(Role.parse(config.departmentRole()).orElseThrow(() -> new IllegalArgumentException(
                        "gatehouse.saml.department-role: unknown role '" + config.departmentRole().trim() + "'; roles are "
                                + Role.CATALOG)));
    }

    /** What brings the account's memberships in line with {@code facts}, once the account is known. */
    Consumer<User> follow(AssertionRules.Facts facts, HttpServerRequest request) {
        List<String> named = facts.attributes().getOrDefault(config.attribute().department(), List.of());
        return account -> role.ifPresent(given -> departments.follow(account.username(),
                new LinkedHashSet<>(named.stream().map(String::trim).toList()), given, SamlIdentity.ORIGIN,
                clientAddress.of(request)));
    }
}
