package org.livevitals.rawsockets;

import java.time.Duration;
import java.util.Objects;

/**
 * The checks that constructors of servers, devices and feeds share. Each fails with a message that
 * names the value, so a caller learns what was wrong instead of meeting an odd failure later, on
 * another thread (a device thread dying on {@code port out of range}, a timer refusing a period
 * of 0 with no message at all).
 */
public final class ArgumentChecks {

    /** The highest TCP port. */
    public static final int MAX_PORT = 65_535;

    private ArgumentChecks() {}

    /**
     * {@code port}, when it is a TCP port: 0 to 65535 (0 asks a server for any free port).
     *
     * @param what names the port in the message, e.g. "the device port"
     */
    public static int port(int port, String what) {
        if (port < 0 || port > MAX_PORT) {
            throw new IllegalArgumentException(what + " must be 0.." + MAX_PORT + ", not " + port);
        }
        return port;
    }

    /**
     * {@code duration}, when it is at least 1 ms: a pause or a timer's period that 0 would turn
     * into a busy loop, and that a negative value breaks.
     *
     * @param what names the duration in the message, e.g. "the feed interval"
     */
    public static Duration atLeastOneMilli(Duration duration, String what) {
        Objects.requireNonNull(duration, what);
        if (duration.toMillis() < 1) {
            throw new IllegalArgumentException(what + " must be at least 1 ms, not " + duration.toMillis() + " ms");
        }
        return duration;
    }
}
