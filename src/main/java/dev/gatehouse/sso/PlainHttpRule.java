package dev.gatehouse.sso;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Which identity provider URLs may be plain {@code http://}. A provider's discovery document, keys,
 * tokens and SAML metadata decide who signs in: over plain HTTP, anyone on the path can hand Gatehouse
 * keys of their own and sign in as anybody. Plain HTTP is allowed only to a loopback address (a
 * provider on this machine) and to the hosts the operator names in
 * {@link SsoConfig#plainHttpHosts()}, e.g. a Keycloak on a private network; every other URL must be
 * {@code https://}.
 */
public final class PlainHttpRule {

    /** Literal addresses only: a name is never resolved, so {@code localhost.example.com} is not loopback. */
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final Set<String> allowedHosts;

    public PlainHttpRule(List<String> allowedHosts) {
        this.allowedHosts = allowedHosts.stream().map(host -> host.trim().toLowerCase(Locale.ROOT))
                .filter(host -> !host.isEmpty()).collect(Collectors.toUnmodifiableSet());
    }

    public static PlainHttpRule of(SsoConfig config) {
        return new PlainHttpRule(config.plainHttpHosts().orElse(List.of()));
    }

    /** Whether Gatehouse may talk to this URL; only http(s) URLs with a host are asked about. */
    public boolean allows(URI url) {
        if (!"http".equalsIgnoreCase(url.getScheme())) {
            return true;
        }
        String host = url.getHost() == null ? "" : url.getHost().toLowerCase(Locale.ROOT);
        return host.equals("localhost") || loopbackLiteral(host) || allowedHosts.contains(host);
    }

    /** Stops the start with the setting's name when {@link #allows} says no. */
    public void require(String setting, URI url) {
        if (!allows(url)) {
            throw new IllegalArgumentException(setting + ": '" + url + "' is plain http to another machine; use https://,"
                    + " or name the host in gatehouse.sso.plain-http-hosts (GATEHOUSE_SSO_PLAIN_HTTP_HOSTS) if the network"
                    + " to it is trusted");
        }
    }

    /** {@link #require(String, URI)} for a setting's text, which must be an absolute URL. */
    public void require(String setting, String url) {
        URI parsed;
        try {
            parsed = new URI(url.trim());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(setting + ": '" + url + "' is not a URL");
        }
        if (parsed.getScheme() == null || parsed.getHost() == null) {
            throw new IllegalArgumentException(setting + ": '" + url + "' is not an absolute http(s) URL");
        }
        require(setting, parsed);
    }

    private static boolean loopbackLiteral(String host) {
        boolean ipv6 = host.startsWith("[") && host.endsWith("]");
        if (!ipv6 && !IPV4.matcher(host).matches()) {
            return false;
        }
        try {
            // A literal is parsed, never looked up.
            return InetAddress.getByName(ipv6 ? host.substring(1, host.length() - 1) : host).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
