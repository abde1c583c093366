package org.livevitals.reconnect;

import java.util.Optional;
import org.eclipse.jetty.websocket.api.Session;

/**
 * State a dashboard must hold before it joins the stream, besides the latest readings: a seam.
 *
 * <p>In Lab 4 there is none ({@link #NONE}). Lab 5 sends the alerts that are active now, so that a
 * page that opens or comes back never misses an alarm raised before it joined: the message is sent
 * under the stream's lock, after the snapshot or the replay and before the session joins, so every
 * later change reaches the page after it, in order.
 */
@FunctionalInterface
public interface OpeningState {

    /** Nothing beyond the readings. */
    OpeningState NONE = session -> Optional.empty();

    /** The message {@code session} is sent when it opens, if any. */
    Optional<String> messageFor(Session session);
}
