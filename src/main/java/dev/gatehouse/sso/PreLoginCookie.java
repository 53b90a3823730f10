package dev.gatehouse.sso;

import jakarta.inject.Singleton;

import dev.gatehouse.platform.SecureRandomText;
import dev.gatehouse.session.SessionConfig;
import dev.gatehouse.signin.BrowserBinding;

/**
 * The browser binding of sign-ins at OpenID Connect and OAuth2 providers ({@code gatehouse_sso}, only
 * for {@code /auth/sso/}): the provider sends the browser back by a top-level GET, so {@code Lax}.
 */
@Singleton
class PreLoginCookie extends BrowserBinding {

    PreLoginCookie(SessionConfig sessions, SsoConfig config, SecureRandomText random) {
        super("gatehouse_sso", "/auth/sso/", Return.TOP_LEVEL_GET, sessions.secureCookie(), config.stateTtl(), random);
    }
}
