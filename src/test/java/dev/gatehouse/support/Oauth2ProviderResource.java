package dev.gatehouse.support;

import java.util.Map;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Plain OAuth2 providers for Gatehouse, played by {@link FakeOauth2Server}: {@code github} (the GitHub
 * preset, linking by verified e-mail) and {@code discord} (the Discord preset), their URLs pointed at
 * the fake.
 */
public class Oauth2ProviderResource implements QuarkusTestResourceLifecycleManager {

    private static FakeOauth2Server server;

    public static FakeOauth2Server server() {
        return server;
    }

    @Override
    public Map<String, String> start() {
        server = new FakeOauth2Server();
        server.start();
        return Map.ofEntries(
                Map.entry("gatehouse.sso.oauth2.github.preset", "github"),
                Map.entry("gatehouse.sso.oauth2.github.client-id", FakeOauth2Server.GITHUB_CLIENT_ID),
                Map.entry("gatehouse.sso.oauth2.github.client-secret", FakeOauth2Server.GITHUB_CLIENT_SECRET),
                Map.entry("gatehouse.sso.oauth2.github.authorization-url", server.url("/github/login/oauth/authorize")),
                Map.entry("gatehouse.sso.oauth2.github.token-url", server.url("/github/login/oauth/access_token")),
                Map.entry("gatehouse.sso.oauth2.github.userinfo-url", server.url("/github/api/user")),
                Map.entry("gatehouse.sso.oauth2.github.emails-url", server.url("/github/api/user/emails")),
                Map.entry("gatehouse.sso.oauth2.github.link-by-email", "true"),
                Map.entry("gatehouse.sso.oauth2.discord.preset", "discord"),
                Map.entry("gatehouse.sso.oauth2.discord.client-id", FakeOauth2Server.DISCORD_CLIENT_ID),
                Map.entry("gatehouse.sso.oauth2.discord.client-secret", FakeOauth2Server.DISCORD_CLIENT_SECRET),
                Map.entry("gatehouse.sso.oauth2.discord.authorization-url", server.url("/discord/oauth2/authorize")),
                Map.entry("gatehouse.sso.oauth2.discord.token-url", server.url("/discord/api/oauth2/token")),
                Map.entry("gatehouse.sso.oauth2.discord.userinfo-url", server.url("/discord/api/users/@me")));
    }

    @Override
    public void stop() {
        if (server != null) {
            server.stop();
        }
    }
}
