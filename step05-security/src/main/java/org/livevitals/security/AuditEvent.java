package org.livevitals.security;

import org.livevitals.rawsockets.WireText;

/**
 * Something that happened which a hospital must be able to account for later: who did what, from
 * where, to which patient's data, and whether it was allowed. HIPAA's audit-control rule asks for
 * exactly this record of access; {@link AuditTrail} writes it down and chains it so that an edit shows.
 *
 * <p>An event holds no secret: no password, token, ticket or message body is ever passed in, and a
 * refusal's reason names what was wrong, not the value that was wrong. Fields not known are null
 * (a handshake refused before anyone is known has no user).
 *
 * <p>Every value may have come from outside (a user name typed into a form, an address, a reason
 * quoting a request), so each is kept to its first {@value #MAX_FIELD_CHARS} characters and its
 * control characters are written as visible escapes ({@link WireText#escaped}): a user name with a
 * line break in it cannot forge a second record in the file or in a console showing it.
 *
 * @param user    who, as signed in or as claimed
 * @param role    the role's wire name ({@link Role#wireName()})
 * @param address where from: the client's IP address
 * @param action  one of the action constants, e.g. {@link #SIGN_IN}
 * @param patient whose data, if any
 * @param outcome {@link #OK} or {@link #refused(String)}
 */
public record AuditEvent(String user, String role, String address, String action, String patient, String outcome) {

    /** Characters of a value kept; longer ones are cut and end with {@value #CUT_MARK}. */
    public static final int MAX_FIELD_CHARS = 200;
    static final String CUT_MARK = "...";

    public static final String SIGN_IN = "sign-in";
    public static final String TICKET = "ticket";
    public static final String HANDSHAKE = "handshake";
    public static final String CONNECT = "connect";
    public static final String DISCONNECT = "disconnect";
    public static final String REQUEST = "request";
    public static final String API = "api";
    public static final String ACKNOWLEDGE = "acknowledge";
    public static final String COMMAND = "command";

    /** The outcome of what was allowed and done. */
    public static final String OK = "ok";

    public AuditEvent {
        user = fromOutside(user);
        role = fromOutside(role);
        address = fromOutside(address);
        action = fromOutside(action);
        patient = fromOutside(patient);
        outcome = fromOutside(outcome);
    }

    /** The outcome of what was not allowed: {@code refused: <reason>}. The reason must not quote a secret. */
    public static String refused(String reason) {
        return "refused: " + reason;
    }

    /** {@code raw} cut to {@value #MAX_FIELD_CHARS} characters, with its control characters escaped; null stays null. */
    static String fromOutside(String raw) {
        if (raw == null) {
            return null;
        }
        String kept = raw.length() > MAX_FIELD_CHARS ? raw.substring(0, MAX_FIELD_CHARS) + CUT_MARK : raw;
        return WireText.escaped(kept);
    }
}
