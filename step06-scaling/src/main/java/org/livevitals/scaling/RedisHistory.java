package org.livevitals.scaling;

import io.lettuce.core.Range;
import io.lettuce.core.StreamMessage;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.List;
import java.util.Optional;
import java.util.function.LongFunction;
import org.livevitals.reconnect.SequenceStamp;
import org.livevitals.reconnect.StreamHistory;

/**
 * Lab 4's history, shared by every node in a Redis stream, so a dashboard can resume on any node.
 *
 * <p>The stream's ids are the cluster's sequence numbers ({@code 0-42} is message 42), so "what did I
 * miss after 41" is one {@code XRANGE livevitals:stream (0-41 +}. The epoch is the cluster's, made by
 * the first node to publish into an empty Redis: a Redis that restarts empty starts a new numbering
 * with a new epoch, and a dashboard that saw the old one is told so, as after a Lab 4 server restart.
 *
 * <p>Messages are numbered by the backplane's publish script, never here: {@link #append} is not used
 * in a cluster.
 */
final class RedisHistory implements StreamHistory {

    private final RedisCommands<String, String> redis;
    private final int capacity;
    private volatile String epoch;
    private volatile long deliveredSeq;

    RedisHistory(RedisCommands<String, String> redis, int capacity, String epoch) {
        this.redis = redis;
        this.capacity = capacity;
        this.epoch = epoch;
    }

    @Override
    public String epoch() {
        return epoch;
    }

    /** The backplane delivered a message of another epoch: Redis started again, empty. */
    void newEpoch(String epoch) {
        this.epoch = epoch;
        this.deliveredSeq = 0;
    }

    /** The cluster's latest number, from Redis: a dashboard coming from another node may be ahead of this one. */
    @Override
    public long latestSeq() {
        String latest = redis.get(RedisKeys.SEQ);
        return latest == null ? 0 : Long.parseLong(latest);
    }

    /** The last number this node has delivered to its dashboards: what a snapshot taken here is complete to. */
    @Override
    public long deliveredSeq() {
        return deliveredSeq;
    }

    void delivered(long seq) {
        deliveredSeq = Math.max(deliveredSeq, seq);
    }

    @Override
    public int capacity() {
        return capacity;
    }

    @Override
    public Numbered append(String patientId, LongFunction<String> render) {
        throw new UnsupportedOperationException("a cluster's messages are numbered by the backplane's publish script");
    }

    @Override
    public Optional<List<Numbered>> after(long seq) {
        // Exercise 2 starts here (scenarios L6-06 L6-08)
        List<StreamMessage<String, String>> kept = redis.xrange(RedisKeys.STREAM,
                Range.from(Range.Boundary.excluding(RedisKeys.streamId(seq)), Range.Boundary.unbounded()));
        if (!kept.isEmpty() && RedisKeys.seqOf(kept.get(0).getId()) != seq + 1) {
            return Optional.empty(); // the first message missed is gone: the stream keeps the last `capacity`
        }
        return Optional.of(kept.stream().map(RedisHistory::numbered).toList());
        // Exercise 2 ends here
    }

    private static Numbered numbered(StreamMessage<String, String> entry) {
        long seq = RedisKeys.seqOf(entry.getId());
        return new Numbered(seq, entry.getBody().get("patient"), SequenceStamp.withSeq(entry.getBody().get("json"), seq));
    }
}
