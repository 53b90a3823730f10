package dev.gatehouse.access;

import java.security.Permission;

import jakarta.inject.Singleton;

import dev.gatehouse.authn.Identities;
import dev.gatehouse.authz.Catalog;
import io.quarkus.security.StringPermission;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;

/**
 * Lets the API say {@code @PermissionsAllowed("bots:view")}: the signed-in account holds a
 * permission when one of its global roles does, by the same catalog the gateway decides with.
 * Quarkus reads {@code "bots:view"} as the permission {@code bots} with the action {@code view}.
 */
@Singleton
public class PermissionAugmentor implements SecurityIdentityAugmentor {

    private final Catalog catalog;

    public PermissionAugmentor(Catalog catalog) {
        this.catalog = catalog;
    }

    @Override
    public Uni<SecurityIdentity> augment(SecurityIdentity identity, AuthenticationRequestContext context) {
        return Identities.of(identity)
                .map(found -> Uni.createFrom().item((SecurityIdentity) QuarkusSecurityIdentity.builder(identity)
                        .addPermissionChecker(permission -> Uni.createFrom()
                                .item(catalog.holds(found.roles(), nameOf(permission))))
                        .build()))
                .orElseGet(() -> Uni.createFrom().item(identity));
    }

    static String nameOf(Permission permission) {
        if (permission instanceof StringPermission string && string.getActions() != null && !string.getActions().isEmpty()) {
            return string.getName() + ":" + string.getActions();
        }
        return permission.getName();
    }
}
