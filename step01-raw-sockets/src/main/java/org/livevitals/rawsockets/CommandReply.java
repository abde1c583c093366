package org.livevitals.rawsockets;

import java.util.Locale;
import java.util.Objects;

/**
 * How a command to a device ended, as {@link DeviceRegistry#send} reports it.
 *
 * <p>A command crosses a network to a machine at a bedside, so "it worked" is only one of the
 * ways it can end, and a clinician must be told which: the device did it, the device refused,
 * there was no device, it never answered, or it already had too much to do.
 *
 * @param outcome how it ended
 * @param detail  what the device said ({@code reading sent}), made printable and cut short, or
 *                the server's own explanation for an outcome the device had no part in; never null
 */
public record CommandReply(Outcome outcome, String detail) {

    /** The ways a command can end; {@link #wireName()} is the lower-case name JSON uses. */
    public enum Outcome {
        /** The device answered {@code DONE}. */
        DONE,
        /** The device answered {@code FAIL}, or its connection closed before it answered. */
        FAILED,
        /** No connected device has sent a reading for the patient, so nobody could be asked. */
        OFFLINE,
        /** The device did not answer within the timeout. */
        TIMEOUT,
        /** The device already had {@link DeviceRegistry#MAX_PENDING_PER_DEVICE} commands unanswered. */
        BUSY;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public CommandReply {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(detail, "detail");
    }
}
