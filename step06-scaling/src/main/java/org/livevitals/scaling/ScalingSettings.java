package org.livevitals.scaling;

import java.util.Objects;
import java.util.regex.Pattern;
import org.livevitals.scaling.record.RecordSettings;

/**
 * What makes a Lab 5 server one node of a cluster.
 *
 * @param nodeId   this node's name in logs, {@code /health} and the admin's nodes panel
 * @param redisUri the backplane's Redis ({@code redis://host:port}), or null for the in-memory backplane (one node)
 * @param record   where the long-term record is kept (part 2), or null for none: the live path alone
 */
public record ScalingSettings(String nodeId, String redisUri, RecordSettings record) {

    /** Node names: short, safe in a log line, a URL and a Redis key. */
    public static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    /** One node on the in-memory backplane: the complete system with nothing to install. */
    public static final ScalingSettings SINGLE_NODE = new ScalingSettings("n1", null);

    public ScalingSettings {
        Objects.requireNonNull(nodeId, "nodeId");
        if (!NODE_ID.matcher(nodeId).matches()) {
            throw new IllegalArgumentException("a node id is 1 to 32 letters, digits, '-' or '_', not \"" + nodeId + "\"");
        }
    }

    /** A node with no record: the live path alone. */
    public ScalingSettings(String nodeId, String redisUri) {
        this(nodeId, redisUri, null);
    }

    public static ScalingSettings onRedis(String nodeId, String redisUri) {
        return new ScalingSettings(nodeId, Objects.requireNonNull(redisUri, "redisUri"));
    }

    /** The same node, keeping its record in {@code record}. */
    public ScalingSettings withRecord(RecordSettings record) {
        return new ScalingSettings(nodeId, redisUri, record);
    }

    public boolean clustered() {
        return redisUri != null;
    }
}
