package org.livevitals.security;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Where an acknowledgement is decided and done: a seam.
 *
 * <p>Lab 5's desk is this server's alert center ({@link Acknowledgements}). In a Lab 6 cluster an alert
 * lives on the node that heard the reading that raised it, so a node asks that node's desk: the answer
 * may take a round trip, hence the future.
 */
@FunctionalInterface
public interface AlertDesk {

    /**
     * Acknowledges {@code alertId} for {@code access}, if allowed; audited either way.
     *
     * @return empty when the alert is acknowledged, or the reason it is not (for the clinician's screen)
     */
    CompletableFuture<Optional<String>> acknowledge(Access access, String address, String alertId);
}
