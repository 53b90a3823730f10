package dev.gatehouse.sso;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * A plain OAuth2 provider's settings with its preset filled in: explicit settings first, then the
 * preset's, then the defaults. Resolved at start, so that a missing URL or an unknown preset stops
 * Gatehouse there with a message naming the setting.
 */
record Oauth2Settings(URI authorizationUrl, URI tokenUrl, URI userinfoUrl, Optional<URI> emailsUrl, List<String> scopes,
        String label, boolean basicAuth, List<String> idField, Optional<List<String>> emailField,
        Optional<List<String>> emailVerifiedField, List<List<String>> nameFields) {

    /** What a preset fills in; the names are those of {@link SsoConfig.Oauth2}. */
    private record Preset(String label, String authorizationUrl, String tokenUrl, String userinfoUrl, Optional<String> emailsUrl,
            List<String> scopes, String tokenAuth, String idField, Optional<String> emailField,
            Optional<String> emailVerifiedField, List<String> nameField) {
    }

    /**
     * GitHub's {@code /user} may have no address, and never says whether it was verified: the primary
     * verified address comes from {@code /user/emails} (the {@code user:email} scope). Ids are numbers.
     */
    private static final Preset GITHUB = new Preset("GitHub", "https://github.com/login/oauth/authorize",
            "https://github.com/login/oauth/access_token", "https://api.github.com/user",
            Optional.of("https://api.github.com/user/emails"), List.of("read:user", "user:email"), "post", "id",
            Optional.of("email"), Optional.empty(), List.of("name", "login"));

    private static final Preset DISCORD = new Preset("Discord", "https://discord.com/oauth2/authorize",
            "https://discord.com/api/oauth2/token", "https://discord.com/api/users/@me", Optional.empty(),
            List.of("identify", "email"), "basic", "id", Optional.of("email"), Optional.of("verified"),
            List.of("global_name", "username"));

    private static final Map<String, Preset> PRESETS = Map.of("github", GITHUB, "discord", DISCORD);

    static Oauth2Settings resolve(String name, SsoConfig.Oauth2 config) {
        String where = "gatehouse.sso.oauth2." + name;
        Optional<Preset> preset = config.preset().map(String::trim).filter(text -> !text.isEmpty()).map(text -> {
            Preset known = PRESETS.get(text.toLowerCase(Locale.ROOT));
            if (known == null) {
                throw new IllegalArgumentException(where + ".preset: unknown preset '" + text + "'; presets are " + PRESETS.keySet());
            }
            return known;
        });
        URI authorize = url(where + ".authorization-url", config.authorizationUrl().or(() -> preset.map(Preset::authorizationUrl)));
        URI token = url(where + ".token-url", config.tokenUrl().or(() -> preset.map(Preset::tokenUrl)));
        URI userinfo = url(where + ".userinfo-url", config.userinfoUrl().or(() -> preset.map(Preset::userinfoUrl)));
        Optional<URI> emails = nonBlank(config.emailsUrl()).or(() -> preset.flatMap(Preset::emailsUrl))
                .map(text -> url(where + ".emails-url", Optional.of(text)));
        String tokenAuth = nonBlank(config.tokenAuth()).or(() -> preset.map(Preset::tokenAuth)).orElse("basic")
                .toLowerCase(Locale.ROOT);
        if (!tokenAuth.equals("basic") && !tokenAuth.equals("post")) {
            throw new IllegalArgumentException(where + ".token-auth: '" + tokenAuth + "' is neither basic nor post");
        }
        List<String> id = path(nonBlank(config.idField()).or(() -> preset.map(Preset::idField))
                .orElseThrow(() -> new IllegalArgumentException(where + ".id-field: required without a preset")));
        return new Oauth2Settings(authorize, token, userinfo, emails,
                config.scopes().map(Oauth2Settings::cleaned).or(() -> preset.map(Preset::scopes)).orElse(List.of()),
                nonBlank(config.label()).or(() -> preset.map(Preset::label)).orElse(name),
                tokenAuth.equals("basic"), id,
                nonBlank(config.emailField()).or(() -> preset.flatMap(Preset::emailField)).map(Oauth2Settings::path),
                nonBlank(config.emailVerifiedField()).or(() -> preset.flatMap(Preset::emailVerifiedField)).map(Oauth2Settings::path),
                config.nameField().map(Oauth2Settings::cleaned).or(() -> preset.map(Preset::nameField)).orElse(List.of())
                        .stream().map(Oauth2Settings::path).toList());
    }

    /** Every URL Gatehouse or the browser is sent to, under the setting that names it. */
    void requireSecure(String where, PlainHttpRule rule) {
        rule.require(where + ".authorization-url", authorizationUrl);
        rule.require(where + ".token-url", tokenUrl);
        rule.require(where + ".userinfo-url", userinfoUrl);
        emailsUrl.ifPresent(url -> rule.require(where + ".emails-url", url));
    }

    private static Optional<String> nonBlank(Optional<String> text) {
        return text.map(String::trim).filter(value -> !value.isEmpty());
    }

    private static List<String> cleaned(List<String> values) {
        return values.stream().map(String::trim).filter(value -> !value.isEmpty()).toList();
    }

    private static List<String> path(String dotted) {
        return List.of(dotted.trim().split("\\."));
    }

    /** An absolute http(s) URL; anything else is a typo that would only show at the first sign-in. */
    private static URI url(String setting, Optional<String> text) {
        String value = nonBlank(text).orElseThrow(() -> new IllegalArgumentException(setting + ": required without a preset"));
        try {
            URI uri = new URI(value);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // Refused below, with the setting's name.
        }
        throw new IllegalArgumentException(setting + ": '" + value + "' is no http(s) URL");
    }
}
