package dev.gatehouse.access;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

import dev.gatehouse.authz.Catalog;

/** The permission catalog: the operator's file, else the one shipped inside Gatehouse. */
public class CatalogSource {

    static final String SHIPPED = "gatehouse/authz.yaml";

    @Produces
    @Singleton
    Catalog catalog(AccessConfig config) {
        return config.file().map(CatalogSource::fromFile).orElseGet(CatalogSource::shipped);
    }

    static Catalog shipped() {
        try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(SHIPPED)) {
            if (in == null) {
                throw new IllegalStateException("The shipped catalog " + SHIPPED + " is missing from the build");
            }
            return Catalog.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Catalog fromFile(Path file) {
        try {
            return Catalog.parse(Files.readString(file));
        } catch (IOException e) {
            throw new IllegalStateException("GATEHOUSE_AUTHZ_FILE " + file + " cannot be read: " + e.getMessage(), e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("GATEHOUSE_AUTHZ_FILE " + file + ": " + e.getMessage(), e);
        }
    }
}
