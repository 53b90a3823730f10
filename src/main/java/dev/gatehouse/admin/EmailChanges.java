package dev.gatehouse.admin;

import java.util.Optional;
import java.util.regex.Pattern;

import jakarta.inject.Singleton;

import dev.gatehouse.audit.AuditLog;
import dev.gatehouse.code.CodePolicy;
import dev.gatehouse.code.Codes;
import dev.gatehouse.code.Purpose;
import dev.gatehouse.code.Requested;
import dev.gatehouse.user.User;
import dev.gatehouse.user.UserDirectory;

/**
 * A new e-mail address takes effect only once its owner proves it receives mail there: the address
 * waits on the account ({@code pending_email}) while a code goes to it, and the account's own sign-in
 * enters the code. Until then mail (codes, resets) keeps going to the old address, so a mistyped or
 * hostile address never takes an account over. A newer request replaces the waiting one and its code.
 */
@Singleton
public class EmailChanges {

    private static final Pattern CODE = Pattern.compile("[0-9]{6}");

    private final Codes codes;
    private final UserDirectory directory;
    private final AuditLog audit;

    public EmailChanges(Codes codes, UserDirectory directory, AuditLog audit) {
        this.codes = codes;
        this.directory = directory;
        this.audit = audit;
    }

    /** Mails a code to {@code address} and keeps it waiting on the account; a 429 changes nothing. Blocking. */
    void request(User user, String address, String clientAddress) {
        Requested sent = codes.send(Purpose.EMAIL_CHANGE, user.username(), address, clientAddress, CodePolicy.ACCOUNTS, true);
        if (!sent.accepted()) {
            throw Refusals.tooManyCodes(sent);
        }
        directory.setPendingEmail(user.username(), Optional.of(address));
    }

    /** Applies the address waiting on {@code username} when {@code code} is its current code. Blocking. */
    void confirm(String username, String code, String clientAddress) {
        String entered = code == null ? "" : code.strip();
        if (!CODE.matcher(entered).matches()) {
            throw Invalid.field("code", "code must be the 6 digits from the mail.");
        }
        Codes.Outcome outcome = codes.check(Purpose.EMAIL_CHANGE, username, entered, CodePolicy.ACCOUNTS);
        if (outcome != Codes.Outcome.OK) {
            throw Invalid.field("code", "Invalid or expired code.");
        }
        User user = directory.find(username).orElseThrow(() -> Refusals.notFound(username));
        String address = directory.pendingEmail(username)
                .orElseThrow(() -> Refusals.conflict("No new address waits for this account."));
        // Another account may have taken the address while the code was on its way.
        if (directory.findByEmail(address).filter(holder -> !holder.username().equals(username)).isPresent()) {
            throw Refusals.conflict("Another account has this address now.");
        }
        directory.save(user.withContact(Optional.of(address), user.displayName()));
        directory.setPendingEmail(username, Optional.empty());
        audit.record(AuditLog.Event.USER_UPDATED, username, clientAddress, "by", username, "fields", "email");
    }
}
