package dev.gatehouse.session;

/**
 * The browser a session was made for, as a person sees it in the list of their sessions: the client
 * address and the user agent (cut to {@value #MAX_AGENT} characters; it is whatever the client says).
 */
public record Browser(String clientAddress, String userAgent) {

    static final int MAX_AGENT = 256;
    public static final Browser UNKNOWN = new Browser("", "");

    public Browser {
        clientAddress = clientAddress == null ? "" : clientAddress;
        userAgent = userAgent == null ? "" : userAgent.length() > MAX_AGENT ? userAgent.substring(0, MAX_AGENT) : userAgent;
    }
}
