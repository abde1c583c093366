package org.livevitals.scaling.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * What one node last said about itself, for the admin's nodes panel: who it is, where, how busy, how far
 * behind the backplane, and when it said so.
 *
 * @param node                the node's id ({@code --node-id})
 * @param address             where the node answers, e.g. {@code http://10.0.0.5:8081/}
 * @param sessions            the dashboard sessions open on it
 * @param deliveriesPerSecond the messages it sent to dashboards per second, since its previous report
 * @param backplaneLagMs      the mean backplane lag of the messages it delivered since its previous report
 * @param lastSeen            when it reported this, by its own clock
 */
public record NodeStatus(String node, String address, int sessions, double deliveriesPerSecond, double backplaneLagMs,
        Instant lastSeen) {

    /** Longer ids or addresses are refused: these come back from Redis, where anything may have written. */
    public static final int MAX_ID_CHARS = 64;
    public static final int MAX_ADDRESS_CHARS = 200;

    public NodeStatus {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(lastSeen, "lastSeen");
        if (node.isBlank() || node.length() > MAX_ID_CHARS) {
            throw new IllegalArgumentException("a node id is 1 to " + MAX_ID_CHARS + " characters");
        }
        if (address.length() > MAX_ADDRESS_CHARS) {
            throw new IllegalArgumentException("a node address is at most " + MAX_ADDRESS_CHARS + " characters");
        }
        if (sessions < 0 || !(deliveriesPerSecond >= 0) || !(backplaneLagMs >= 0)) {
            throw new IllegalArgumentException("sessions, deliveries and lag are never negative (or NaN)");
        }
    }

    /** How long ago the node last reported, as of {@code now} (zero if its clock runs ahead of ours). */
    public Duration age(Instant now) {
        Duration age = Duration.between(lastSeen, now);
        return age.isNegative() ? Duration.ZERO : age;
    }

    /** Whether the node has been silent for so long that it is shown as gone ({@link NodeDirectory#GONE_AFTER}). */
    public boolean isGone(Instant now) {
        return age(now).compareTo(NodeDirectory.GONE_AFTER) > 0;
    }

    /** Whether the node has been silent for so long that it is forgotten ({@link NodeDirectory#FORGET_AFTER}). */
    public boolean isForgotten(Instant now) {
        return age(now).compareTo(NodeDirectory.FORGET_AFTER) > 0;
    }
}
