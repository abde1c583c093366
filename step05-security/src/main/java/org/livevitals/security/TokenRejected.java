package org.livevitals.security;

/**
 * A token or ticket the server does not accept, with the reason in a few words: {@code expired},
 * {@code bad signature}, {@code wrong audience}, {@code ticket already used}, ... The reason goes into
 * the log, the audit trail and the 401 answer, so it is written by {@link Tokens} from a fixed set of
 * words and never holds any part of the token (a token in a log is a token anyone reading the log can
 * use until it expires).
 */
public final class TokenRejected extends Exception {

    private static final long serialVersionUID = 1L;

    private final String reason;

    public TokenRejected(String reason) {
        // No cause and no stack trace: a refusal is an expected answer to bad input, not a bug to
        // debug, and a cause from the JWT library could carry pieces of the token into a log.
        super(reason, null, false, false);
        this.reason = reason;
    }

    /** Why the token was refused, safe to log and to audit. */
    public String reason() {
        return reason;
    }
}
