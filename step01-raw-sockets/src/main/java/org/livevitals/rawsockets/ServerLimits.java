package org.livevitals.rawsockets;

/**
 * The limits that keep one misbehaving device from hurting the others.
 *
 * @param maxDevices   connections served at once; one more is refused with {@code ERR}
 * @param maxLineBytes the longest line accepted, newline excluded
 */
public record ServerLimits(int maxDevices, int maxLineBytes) {

    public static final int DEFAULT_MAX_DEVICES = 50;
    public static final int DEFAULT_MAX_LINE_BYTES = 1024;
    public static final ServerLimits DEFAULTS = new ServerLimits(DEFAULT_MAX_DEVICES, DEFAULT_MAX_LINE_BYTES);

    public ServerLimits {
        if (maxDevices < 1 || maxLineBytes < 16) {
            throw new IllegalArgumentException("need at least 1 device and 16-byte lines");
        }
    }
}
