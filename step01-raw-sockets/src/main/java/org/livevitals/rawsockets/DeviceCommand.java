package org.livevitals.rawsockets;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a clinician may ask a bedside device to do, sent down the device's own TCP connection as
 * {@code CMD <id> <command>} (Lab 5).
 *
 * <p>The list is closed on purpose: a device acts on a command, so the server only ever sends
 * one it knows, and a name from a dashboard that is not here is refused before it reaches a
 * device.
 */
public enum DeviceCommand {
    /** Take and send a reading now, instead of at the next interval. */
    REQUEST_READING("request-reading"),
    /** Restart the device's measurement from the patient's current baseline. */
    RESET("reset");

    private final String wireName;

    DeviceCommand(String wireName) {
        this.wireName = wireName;
    }

    /** The name on the wire and in JSON, e.g. {@code request-reading}. */
    public String wireName() {
        return wireName;
    }

    /** The command with this wire name, or empty for any other text (null included). */
    public static Optional<DeviceCommand> fromWireName(String name) {
        return Arrays.stream(values()).filter(command -> command.wireName.equals(name)).findFirst();
    }
}
