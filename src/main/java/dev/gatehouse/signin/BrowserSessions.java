package dev.gatehouse.signin;

import java.util.List;

import jakarta.inject.Singleton;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import dev.gatehouse.http.ClientAddress;
import dev.gatehouse.session.Browser;
import dev.gatehouse.session.DeviceCookie;
import dev.gatehouse.session.Session;
import dev.gatehouse.session.SessionCookie;
import dev.gatehouse.session.SessionStore;
import dev.gatehouse.user.User;
import io.vertx.core.http.HttpServerRequest;

/**
 * A browser signed in, whatever the factor: the session it had ends, a new one starts, and the answer
 * carries the session and device cookies.
 */
@Singleton
public class BrowserSessions {

    /** The new session, and the device cookie's id that regulation now remembers. */
    public record Opened(Session session, String device) {
    }

    private final SessionStore sessions;
    private final SessionCookie cookie;
    private final DeviceCookie devices;
    private final ClientAddress clientAddress;

    BrowserSessions(SessionStore sessions, SessionCookie cookie, DeviceCookie devices, ClientAddress clientAddress) {
        this.sessions = sessions;
        this.cookie = cookie;
        this.devices = devices;
        this.clientAddress = clientAddress;
    }

    /** The browser's device id, made up when it has none yet. */
    public String deviceOf(HttpServerRequest request) {
        return devices.idOf(request);
    }

    public Opened open(User user, String method, String device, HttpServerRequest request) {
        cookie.readFrom(request).ifPresent(sessions::delete);
        Browser browser = new Browser(clientAddress.of(request), request.getHeader(HttpHeaders.USER_AGENT));
        return new Opened(sessions.create(user.username(), user.roles(), List.of(method), browser), device);
    }

    /** {@code answer} with the cookies of {@code opened}, never cached. */
    public Response.ResponseBuilder withCookies(Response.ResponseBuilder answer, Opened opened) {
        return answer.header(HttpHeaders.SET_COOKIE, devices.issue(opened.device()))
                .header(HttpHeaders.SET_COOKIE, cookie.issue(opened.session()))
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
