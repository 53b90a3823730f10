package dev.gatehouse.platform;

import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How the sign-in and 403 pages name the site people are signing in to. */
@ConfigMapping(prefix = "gatehouse.brand")
public interface BrandConfig {

    /**
     * The site's name: the pages' title and heading say "Sign in to NAME". Default {@code Gatehouse}.
     * Always shown as text (HTML-escaped), never as markup, so it cannot inject anything into the page;
     * a blank name is refused at start.
     */
    @WithDefault("Gatehouse")
    String name();

    /**
     * A logo shown above the heading: an {@code https://} URL or a path on this site ({@code /logo.svg}).
     * Default: none. Any other scheme ({@code http:}, {@code data:}, {@code javascript:}, {@code //host})
     * is refused at start. An absolute URL's origin is added to the pages' {@code img-src}: whoever
     * serves it sees every visit to the sign-in page and decides what the image shows, so prefer a path
     * on this site.
     */
    Optional<String> logoUrl();
}
