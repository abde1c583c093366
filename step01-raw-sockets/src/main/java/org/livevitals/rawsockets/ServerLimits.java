package org.livevitals.rawsockets;

import java.time.Duration;
import java.util.Objects;

/**
 * The limits that keep one misbehaving device from hurting the others.
 *
 * @param maxDevices   connections served at once; one more is refused with {@code ERR}
 * @param maxLineBytes the longest line accepted, newline excluded
 * @param idleTimeout  a device that sends nothing for this long is told so and disconnected, so a
 *                     dead or silent connection cannot hold a slot for good
 */
public record ServerLimits(int maxDevices, int maxLineBytes, Duration idleTimeout) {

    public static final int DEFAULT_MAX_DEVICES = 50;
    public static final int DEFAULT_MAX_LINE_BYTES = 1024;
    /** The smallest line limit accepted (a whole reading line is about 100 bytes). */
    public static final int MIN_LINE_BYTES = 16;
    /** Devices report every second or two; a minute of silence is a dead device, a dead network or a squatter. */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);
    public static final ServerLimits DEFAULTS =
            new ServerLimits(DEFAULT_MAX_DEVICES, DEFAULT_MAX_LINE_BYTES, DEFAULT_IDLE_TIMEOUT);

    public ServerLimits {
        if (maxDevices < 1) {
            throw new IllegalArgumentException("maxDevices must be at least 1, not " + maxDevices);
        }
        if (maxLineBytes < MIN_LINE_BYTES) {
            throw new IllegalArgumentException("maxLineBytes must be at least " + MIN_LINE_BYTES + ", not " + maxLineBytes);
        }
        SocketTimeouts.millis(Objects.requireNonNull(idleTimeout, "idleTimeout"), "the idle timeout");
    }

    /** The idle timeout as a person reads it: {@code 60 s}, or {@code 1500 ms} when not whole seconds. */
    public String idleTimeoutText() {
        return idleTimeout.toMillis() % 1000 == 0 ? idleTimeout.toSeconds() + " s" : idleTimeout.toMillis() + " ms";
    }

    public ServerLimits withMaxDevices(int devices) {
        return new ServerLimits(devices, maxLineBytes, idleTimeout);
    }

    public ServerLimits withIdleTimeout(Duration timeout) {
        return new ServerLimits(maxDevices, maxLineBytes, timeout);
    }
}
