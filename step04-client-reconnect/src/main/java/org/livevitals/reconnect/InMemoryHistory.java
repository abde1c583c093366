package org.livevitals.reconnect;

import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;

/**
 * The stream's history in this server's memory: a ring of the last {@code capacity} messages.
 *
 * <p>Its epoch is random and new with every history, that is with every server start, because the
 * numbers start again at 1 with it. Memory is bounded by the capacity: each message is kept once, as
 * the text the dashboards were sent (labs/performance.md measures what that costs).
 */
public final class InMemoryHistory implements StreamHistory {

    private static final SecureRandom RANDOM = new SecureRandom();

    private final String epoch = newEpoch();
    private final int capacity;
    private final ArrayDeque<Numbered> kept;
    private long latestSeq;

    public InMemoryHistory(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a history keeps at least 1 message, not " + capacity);
        }
        this.capacity = capacity;
        this.kept = new ArrayDeque<>(Math.min(capacity, 1024));
    }

    /** 16 hex digits: 64 random bits, so two starts never share an epoch. */
    static String newEpoch() {
        byte[] bits = new byte[8];
        RANDOM.nextBytes(bits);
        return HexFormat.of().formatHex(bits);
    }

    @Override
    public String epoch() {
        return epoch;
    }

    @Override
    public synchronized long latestSeq() {
        return latestSeq;
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public synchronized Numbered append(String patientId, LongFunction<String> render) {
        Numbered message = new Numbered(latestSeq + 1, patientId, render.apply(latestSeq + 1));
        latestSeq = message.seq();
        if (kept.size() == capacity) {
            kept.removeFirst();
        }
        kept.addLast(message);
        return message;
    }

    @Override
    public synchronized Optional<List<Numbered>> after(long seq) {
        if (seq > latestSeq) {
            throw new IllegalArgumentException("seq " + seq + " is ahead of the history (latest " + latestSeq + ")");
        }
        long oldestKept = latestSeq - kept.size() + 1;
        if (seq + 1 < oldestKept) {
            return Optional.empty(); // the first message missed is gone
        }
        return Optional.of(kept.stream().filter(message -> message.seq() > seq).toList());
    }
}
