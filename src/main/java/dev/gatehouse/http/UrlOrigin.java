package dev.gatehouse.http;

import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/** The origin ({@code scheme://host[:port]}, lower case) of a URL, as a page's form-action names it. */
public final class UrlOrigin {

    private UrlOrigin() {
    }

    /** Empty when {@code url} is no absolute URL with a host. */
    public static Optional<String> of(String url) {
        try {
            URI uri = URI.create(url);
            if (uri.getScheme() == null || uri.getHost() == null) {
                return Optional.empty();
            }
            return Optional.of(uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost().toLowerCase(Locale.ROOT)
                    + (uri.getPort() == -1 ? "" : ":" + uri.getPort()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
