package org.livevitals.rawsockets;

import java.time.Duration;

/**
 * Turns a timeout into what {@code Socket.setSoTimeout} takes, or says why it cannot: the
 * server's idle timeout and the device's reply timeout obey the same two rules.
 */
public final class SocketTimeouts {

    private SocketTimeouts() {}

    /**
     * {@code timeout} in whole milliseconds: at least 1 (0 would mean "wait forever") and at most
     * {@link Integer#MAX_VALUE}, about 24 days (the socket keeps it in an int).
     *
     * @param what names the timeout in the message, e.g. "the idle timeout"
     */
    public static int millis(Duration timeout, String what) {
        long millis = timeout.toMillis();
        if (millis < 1 || millis > Integer.MAX_VALUE) {
            throw new IllegalArgumentException(what + " must be from 1 ms to "
                    + Duration.ofMillis(Integer.MAX_VALUE).toDays() + " days, not " + millis + " ms");
        }
        return (int) millis;
    }
}
