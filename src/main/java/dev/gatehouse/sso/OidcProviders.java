package dev.gatehouse.sso;

import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;

/** The configured OpenID Connect providers by name, checked at start. */
@Singleton
public class OidcProviders {

    /** Names travel in URLs and account names: short, lower-case, no separators of either. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    private final Map<String, OidcProvider> byName;

    public OidcProviders(SsoConfig config, Clock clock, CodeExchange exchange) {
        Map<String, OidcProvider> providers = new TreeMap<>();
        PlainHttpRule plainHttp = PlainHttpRule.of(config);
        config.oidc().forEach((name, provider) -> {
            requireName("gatehouse.sso.oidc." + name, name);
            plainHttp.require("gatehouse.sso.oidc." + name + ".issuer", provider.issuer());
            providers.put(name, new OidcProvider(name, provider, config.timeout(), config.discoveryTtl(), clock, exchange,
                    plainHttp));
        });
        this.byName = Map.copyOf(providers);
    }

    static void requireName(String where, String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException(where
                    + ": a provider's name is 1-32 lower-case letters, digits or -, starting with a letter or digit");
        }
    }

    Optional<OidcProvider> find(String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name));
    }

    /** In the order of their names, so the login page lists them the same way every time. */
    Collection<OidcProvider> all() {
        return new TreeMap<>(byName).values();
    }
}
