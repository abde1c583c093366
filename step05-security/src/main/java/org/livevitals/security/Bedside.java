package org.livevitals.security;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.livevitals.rawsockets.CommandReply;
import org.livevitals.rawsockets.DeviceCommand;

/**
 * The way to a patient's device: a seam.
 *
 * <p>Lab 5's is the device gateway of this server ({@code DeviceRegistry}). In a Lab 6 cluster the
 * device may be connected to another node, which sends the command on its TCP line and returns the
 * answer.
 */
@FunctionalInterface
public interface Bedside {

    /** Sends {@code command} to the device of {@code patientId}; completes with its answer, or why there is none. */
    CompletableFuture<CommandReply> send(String patientId, DeviceCommand command, Duration timeout);
}
