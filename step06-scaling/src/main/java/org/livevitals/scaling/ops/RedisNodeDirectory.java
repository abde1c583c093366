package org.livevitals.scaling.ops;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.livevitals.rawsockets.WireText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The nodes of a cluster, in one Redis hash that every node writes its own field of:
 *
 * <pre>
 * HSET   livevitals:nodes n1 {"node":"n1","address":"http://10.0.0.5:8081/","sessions":3,...,"lastSeen":"..."}
 * EXPIRE livevitals:nodes 60        every report: when the whole cluster is gone, so is the hash
 * HGETALL livevitals:nodes          to list them; an entry silent for 60 s is removed on the way
 * </pre>
 *
 * <p>A hash, not a key per node with its own expiry: one read lists the cluster (no {@code KEYS} or
 * {@code SCAN} over the whole database), and a node gone for a while can still be shown as gone
 * before it is forgotten.
 *
 * <p>Removing a silent node is a check and a delete, and another node may report in between (a node
 * that was only paused comes back): so the two are one Lua script, which deletes the entry only if it
 * is still the one that was read. The times are the nodes' own clocks, so they are assumed to agree to
 * within a few seconds (NTP); the thresholds are many seconds for that reason too.
 *
 * <p>Commands are synchronous on the connection given: if Redis is down they fail (or wait for the
 * connection's timeout, so give it a short one), and the caller decides what to show.
 */
public final class RedisNodeDirectory implements NodeDirectory {

    public static final String KEY = "livevitals:nodes";
    /** A longer entry is not one a node wrote: it is removed unread. */
    static final int MAX_ENTRY_CHARS = 1024;

    private static final String DELETE_IF_UNCHANGED = """
            if redis.call('HGET', KEYS[1], ARGV[1]) == ARGV[2] then
              return redis.call('HDEL', KEYS[1], ARGV[1])
            end
            return 0""";
    private static final Logger log = LoggerFactory.getLogger(RedisNodeDirectory.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RedisCommands<String, String> redis;
    private final Clock clock;

    public RedisNodeDirectory(StatefulRedisConnection<String, String> connection, Clock clock) {
        this.redis = connection.sync();
        this.clock = clock;
    }

    @Override
    public void report(NodeStatus status) {
        redis.hset(KEY, status.node(), JSON.writeValueAsString(status));
        redis.expire(KEY, FORGET_AFTER);
        // Forgetting here too, not only when an admin looks: with nodes coming and going under new ids,
        // a hash nobody lists would otherwise grow for as long as any node lives.
        nodes();
    }

    @Override
    public List<NodeStatus> nodes() {
        Instant now = clock.instant();
        List<NodeStatus> known = new ArrayList<>();
        for (Map.Entry<String, String> entry : redis.hgetall(KEY).entrySet()) {
            NodeStatus status = read(entry.getKey(), entry.getValue());
            if (status == null || status.isForgotten(now)) {
                forget(entry.getKey(), entry.getValue());
            } else {
                known.add(status);
            }
        }
        return known.stream().sorted(Comparator.comparing(NodeStatus::node)).limit(MAX_NODES).toList();
    }

    /** The status in an entry, or null (logged) when it is not one a node of ours wrote. */
    private static NodeStatus read(String field, String json) {
        try {
            if (json.length() <= MAX_ENTRY_CHARS) {
                NodeStatus status = JSON.readValue(json, NodeStatus.class);
                if (status.node().equals(field)) {
                    return status;
                }
            }
        } catch (JacksonException | IllegalArgumentException unreadable) {
            // falls through: removed like a silent node
        }
        log.warn("removing {} from {}: not a node status", WireText.printable(field), KEY);
        return null;
    }

    /** Removes {@code field} if it still holds {@code json}: a node that reported meanwhile keeps its entry. */
    void forget(String field, String json) {
        redis.eval(DELETE_IF_UNCHANGED, ScriptOutputType.INTEGER, new String[] {KEY}, field, json);
    }
}
