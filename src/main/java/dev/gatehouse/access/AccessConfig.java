package dev.gatehouse.access;

import java.nio.file.Path;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;

/** Permissions, resources and departments. */
@ConfigMapping(prefix = "gatehouse.authz")
public interface AccessConfig {

    /**
     * The permission catalog ({@code GATEHOUSE_AUTHZ_FILE}), in the format of the shipped
     * {@code gatehouse/authz.yaml}. Default: the shipped catalog. A file that does not parse, or names
     * an unknown permission or role, stops Gatehouse at start with the reason.
     */
    Optional<Path> file();
}
