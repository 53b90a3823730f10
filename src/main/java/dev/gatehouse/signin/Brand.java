package dev.gatehouse.signin;

import dev.gatehouse.platform.BrandConfig;
import dev.gatehouse.platform.Html;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;

/**
 * The validated {@link BrandConfig}: the name and logo as markup for the pages, and the image origin
 * their Content-Security-Policy must allow. Invalid settings stop Gatehouse at start.
 */
@Singleton
public class Brand {

    static final int MAX_LOGO_URL_LENGTH = 2048;

    private final String name;
    private final Optional<String> logoUrl;
    private final Optional<String> logoOrigin;

    @Inject
    public Brand(BrandConfig config) {
        this(config.name(), config.logoUrl());
    }

    Brand(String name, Optional<String> logoUrl) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("gatehouse.brand.name must not be blank");
        }
        this.name = name.strip();
        this.logoUrl = logoUrl.map(String::strip).filter(url -> !url.isEmpty());
        this.logoOrigin = this.logoUrl.flatMap(Brand::originOf);
    }

    public String name() {
        return name;
    }

    public Optional<String> logoUrl() {
        return logoUrl;
    }

    /** The origin the logo is loaded from when it is not on this site, e.g. {@code https://cdn.example.com}. */
    public Optional<String> logoOrigin() {
        return logoOrigin;
    }

    String nameHtml() {
        return Html.escape(name);
    }

    /** An {@code <img>} for the logo, or nothing. Decorative: the heading names the site. */
    String logoHtml() {
        return logoUrl.map(url -> "<img class=\"logo\" src=\"" + Html.escape(url) + "\" alt=\"\">").orElse("");
    }

    /** Checks a logo URL: empty for a path on this site, the origin for an https URL; anything else is refused. */
    static Optional<String> originOf(String url) {
        if (url.length() > MAX_LOGO_URL_LENGTH || url.chars().anyMatch(c -> c < 0x21 || c == 0x7f || c == '\\')) {
            throw refused(url, "it is too long or contains spaces, control characters or backslashes");
        }
        if (url.startsWith("/")) {
            if (url.startsWith("//")) {
                throw refused(url, "//host is another site: write https://host/...");
            }
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw refused(url, "it is not a valid URL");
        }
        if (!"https".equalsIgnoreCase(uri.getScheme())) {
            throw refused(url, "only https URLs and paths on this site are allowed");
        }
        if (uri.getHost() == null || uri.getRawUserInfo() != null) {
            throw refused(url, "it needs a host and no credentials");
        }
        return Optional.of("https://" + uri.getHost().toLowerCase(Locale.ROOT) + (uri.getPort() == -1 ? "" : ":" + uri.getPort()));
    }

    private static IllegalArgumentException refused(String url, String why) {
        return new IllegalArgumentException("gatehouse.brand.logo-url '" + url + "' is refused: " + why);
    }
}
