package dev.gatehouse.audit;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.inject.Singleton;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One JSON line per security event on the {@code gatehouse.audit} logger. Lines name the user, the
 * client address and the reason; they never carry a password, token or session id.
 */
@Singleton
public class AuditLog {

    /** The {@code USER_*} events are changes to accounts; their lines name who made them ({@code by}). */
    public enum Event {
        LOGIN_SUCCESS, LOGIN_FAILED, LOGIN_BANNED, LOGOUT, ACCESS_DENIED, OTP_REQUEST, OTP_SENT, OTP_SEND_FAILED, OTP_VERIFY,
        SIGNUP_REQUESTED, SIGNUP_VERIFIED, PASSWORD_RESET_REQUESTED, PASSWORD_RESET, PASSWORD_CHANGED, SESSION_REVOKED,
        USER_CREATED, USER_UPDATED, USER_DISABLED, USER_DELETED,
        ROLE_GRANTED, ROLE_REVOKED, DEPARTMENT_MEMBER_ADDED, DEPARTMENT_MEMBER_REMOVED, IMPERSONATION_STARTED,
        SSO_LOGIN_SUCCESS, SSO_LOGIN_FAILED, SSO_ACCOUNT_CREATED, SSO_ACCOUNT_LINKED, SSO_BACKCHANNEL_LOGOUT, SAML_LOGOUT, LDAP_UNAVAILABLE
    }

    private static final Logger LOG = Logger.getLogger("gatehouse.audit");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Clock clock;

    public AuditLog(Clock clock) {
        this.clock = clock;
    }

    /**
     * {@code details} alternate names and values: {@code "reason", "invalid_credentials", ...}.
     * {@code clientAddress} is null for events no request caused (a mail sent by the outbox).
     */
    public void record(Event event, String user, String clientAddress, String... details) {
        Map<String, String> line = new LinkedHashMap<>();
        line.put("ts", clock.instant().toString());
        line.put("event", event.name());
        line.put("user", user);
        if (clientAddress != null) {
            line.put("ip", clientAddress);
        }
        for (int i = 0; i + 1 < details.length; i += 2) {
            line.put(details[i], details[i + 1]);
        }
        try {
            LOG.info(JSON.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            LOG.warnf("Unwritable audit event %s", event);
        }
    }
}
