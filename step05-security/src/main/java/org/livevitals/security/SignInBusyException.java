package org.livevitals.security;

/**
 * Too many password checks are running to start one more: the sign-in API answers 429 and the browser
 * tries again in a moment. Each check costs about 60 ms of a core and 16 MB of memory by design, so a
 * burst of sign-ins (or someone guessing passwords) is queued briefly and then turned away instead of
 * taking every core and the heap from the readings.
 */
public final class SignInBusyException extends Exception {

    private static final long serialVersionUID = 1L;

    public SignInBusyException() {
        // No stack trace: this is the server shedding load as designed, not a fault.
        super("too many sign-ins at once: try again in a moment", null, false, false);
    }
}
