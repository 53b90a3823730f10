package dev.gatehouse.sso;

import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import jakarta.inject.Singleton;

import io.quarkus.runtime.Startup;

/**
 * Every configured provider by name, OpenID Connect and plain OAuth2 alike: one namespace, since the
 * name is the URL ({@code /auth/sso/<name>/...}) and the accounts' prefix. Built at start, so that a
 * name configured twice, an unknown preset, a missing URL or a plain-http one stops Gatehouse with a message naming the
 * setting.
 */
@Startup
@Singleton
public class SsoProviders {

    private final Map<String, SsoProvider> byName;

    public SsoProviders(SsoConfig config, OidcProviders oidc) {
        Map<String, SsoProvider> providers = new TreeMap<>();
        oidc.all().forEach(provider -> providers.put(provider.name(), provider));
        PlainHttpRule plainHttp = PlainHttpRule.of(config);
        config.oauth2().forEach((name, settings) -> {
            String where = "gatehouse.sso.oauth2." + name;
            OidcProviders.requireName(where, name);
            if (providers.containsKey(name)) {
                throw new IllegalArgumentException(where + ": the name '" + name
                        + "' is configured under gatehouse.sso.oidc too; a provider's name must be unique");
            }
            Oauth2Provider provider = new Oauth2Provider(name, settings, config.timeout());
            provider.settings().requireSecure(where, plainHttp);
            providers.put(name, provider);
        });
        this.byName = Map.copyOf(providers);
    }

    Optional<SsoProvider> find(String name) {
        return Optional.ofNullable(name == null ? null : byName.get(name));
    }

    /** In the order of their names, so the login page lists them the same way every time. */
    Collection<SsoProvider> all() {
        return new TreeMap<>(byName).values();
    }
}
