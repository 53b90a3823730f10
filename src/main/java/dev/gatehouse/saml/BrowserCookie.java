package dev.gatehouse.saml;

import jakarta.inject.Singleton;

import dev.gatehouse.platform.SecureRandomText;
import dev.gatehouse.session.SessionConfig;
import dev.gatehouse.signin.BrowserBinding;
import dev.gatehouse.sso.SsoConfig;

/**
 * The browser binding of SAML sign-ins ({@code gatehouse_saml}, only for {@code /auth/saml/}): a
 * response posted from another browser signs nobody in. The identity provider's page posts the
 * response from its own site, so the cookie is {@code SameSite=None}.
 */
@Singleton
class BrowserCookie extends BrowserBinding {

    BrowserCookie(SessionConfig sessions, SsoConfig sso, SecureRandomText random) {
        super("gatehouse_saml", "/auth/saml/", Return.CROSS_SITE_POST, sessions.secureCookie(), sso.stateTtl(), random);
    }
}
