package dev.gatehouse.signin;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Locale;

import jakarta.inject.Singleton;

/**
 * Decides where a person may be sent after login: a path on this host, this very origin, or an
 * allowed domain over HTTPS. Anything else — other hosts, {@code //host}, {@code javascript:},
 * backslashes, control characters, credentials in the URL — falls back to the default.
 */
@Singleton
public class RedirectPolicy {

    public static final int MAX_LENGTH = 2048;

    private final SigninConfig config;
    private final List<String> allowedDomains;

    public RedirectPolicy(SigninConfig config) {
        this.config = config;
        this.allowedDomains = config.allowedRedirectDomains().orElse(List.of()).stream()
                .map(domain -> domain.trim().toLowerCase(Locale.ROOT)).filter(domain -> !domain.isEmpty()).toList();
    }

    public String safe(String target, String requestOrigin) {
        if (target == null || target.isEmpty() || target.length() > MAX_LENGTH || hasUnsafeCharacters(target)) {
            return config.defaultRedirect();
        }
        if (target.startsWith("/")) {
            return target.startsWith("//") ? config.defaultRedirect() : target;
        }
        return isAllowedAbsolute(target, requestOrigin) ? target : config.defaultRedirect();
    }

    private boolean isAllowedAbsolute(String target, String requestOrigin) {
        URI uri;
        try {
            uri = new URI(target);
        } catch (URISyntaxException e) {
            return false;
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null || uri.getRawUserInfo() != null) {
            return false;
        }
        String host = uri.getHost().toLowerCase(Locale.ROOT);
        String origin = scheme + "://" + host + (uri.getPort() == -1 ? "" : ":" + uri.getPort());
        if (origin.equalsIgnoreCase(requestOrigin)) {
            return true;
        }
        return scheme.equals("https") && allowedDomains.stream().anyMatch(domain -> host.equals(domain) || host.endsWith("." + domain));
    }

    private static boolean hasUnsafeCharacters(String target) {
        return target.chars().anyMatch(c -> c < 0x21 || c == 0x7f || c == '\\');
    }
}
