package org.livevitals.reconnect;

import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * The recent past of the dashboard stream: it numbers every message and keeps the last ones, so that
 * a dashboard that reconnects can be sent exactly what it missed.
 *
 * <p>A seam. Here the history lives in the server's memory ({@link InMemoryHistory}): it dies with the
 * server, and a restarted server starts a new epoch. Lab 6 keeps it in Redis, shared by several
 * servers, so that a dashboard can resume on another one.
 */
public interface StreamHistory {

    /**
     * The name of this numbering. Sequence numbers mean something only within one epoch: after a
     * restart the numbers start again, and a client that saw another epoch cannot resume from this one.
     */
    String epoch();

    /** The number of the last message appended; 0 before the first. */
    long latestSeq();

    /**
     * The number a snapshot taken on this server is complete to: every message up to it has reached
     * this server's dashboards. With one server that is {@link #latestSeq()}; in Lab 6's cluster, where
     * every node numbers messages in one shared history, it is the last one this node has delivered.
     */
    default long deliveredSeq() {
        return latestSeq();
    }

    /** How many of the latest messages are kept. */
    int capacity();

    /**
     * Numbers the next message and keeps it; the oldest kept message is forgotten when the history is
     * full.
     *
     * @param patientId who the message is about: a later lab replays it only to those allowed to see them
     * @param render    writes the message with its number in it
     */
    Numbered append(String patientId, LongFunction<String> render);

    /**
     * The messages numbered after {@code seq}, oldest first: none when {@code seq} is the latest;
     * empty when some of them are no longer kept.
     *
     * @param seq at most {@link #latestSeq()}
     */
    Optional<List<Numbered>> after(long seq);

    /** One message of the stream, about one patient, as every dashboard received it. */
    record Numbered(long seq, String patientId, String json) {}
}
