package org.livevitals.reconnect;

import java.net.URI;
import java.time.Duration;

/**
 * What a {@link ReconnectingClient} tells its caller, in the order it happens. A caller (a console, a
 * test, the load test's herd) watches these instead of the connection itself.
 */
public sealed interface StreamEvent {

    /** An attempt to connect has started. */
    record Connecting(int attempt, URI url) implements StreamEvent {}

    /** The WebSocket is open. */
    record Opened(URI url) implements StreamEvent {}

    /** An attempt failed before the WebSocket opened (refused, timed out, HTTP error). */
    record AttemptFailed(URI url, String reason) implements StreamEvent {}

    /** An open connection was lost: closed by the server, cut, or found silent. */
    record Disconnected(int statusCode, String reason) implements StreamEvent {}

    /** The next attempt is scheduled; {@code attempt} counts retries since the last stable connection. */
    record Reconnecting(int attempt, Duration delay, URI url) implements StreamEvent {}

    /** A fresh snapshot: the client starts again from {@code seq} in {@code epoch}. */
    record Snapshot(String epoch, long seq, String json) implements StreamEvent {}

    /** The server replayed {@code missed} readings; the stream continues without a gap. */
    record Resumed(String epoch, long seq, int missed) implements StreamEvent {}

    /** The server could not replay what was missed, and says why; a snapshot follows. */
    record NotResumed(String reason) implements StreamEvent {}

    /** The next reading of the stream, each sequence number once and in order. */
    record Reading(long seq, String json) implements StreamEvent {}

    /** The server reported an error, or sent something the client could not read. */
    record ServerError(String reason) implements StreamEvent {}

    /** The caller closed the client; nothing follows. */
    record Closed() implements StreamEvent {}
}
