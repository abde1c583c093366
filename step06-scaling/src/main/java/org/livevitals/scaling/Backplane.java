package org.livevitals.scaling;

import java.time.Clock;
import java.util.Collection;
import java.util.function.Function;
import java.util.function.Supplier;
import org.livevitals.broadcast.LatestReadings;
import org.livevitals.rawsockets.VitalSigns;
import org.livevitals.reconnect.OpeningState;
import org.livevitals.reconnect.ResumableStream;
import org.livevitals.reconnect.ResumeSettings;
import org.livevitals.reconnect.StreamHistory;
import org.livevitals.reconnect.StreamPublisher;
import org.livevitals.scaling.ops.NodeDirectory;
import org.livevitals.security.AlertDesk;
import org.livevitals.security.Bedside;
import org.livevitals.security.SecureServer;
import org.livevitals.security.SessionWatcher;
import org.livevitals.security.TicketLedger;

/**
 * What carries the dashboard stream between the nodes of a cluster: the backplane.
 *
 * <p>Every node publishes what it hears (a device's reading, an alert raised on it) to the backplane
 * instead of to its own dashboards. The backplane numbers each message once for the whole cluster,
 * keeps it in the shared history, and brings it back to every node that has a dashboard allowed to
 * see its patient; each node then applies Lab 5's rules to its own sessions.
 *
 * <p>Two implementations: {@link InMemoryBackplane} (one node, nothing to install: Lab 5 exactly) and
 * {@link RedisBackplane} (any number of nodes on one Redis).
 */
public interface Backplane extends SessionWatcher, AutoCloseable {

    /** {@code "memory"} or {@code "redis"}: what {@code /health} reports. */
    String kind();

    /** Whether the node can publish and hear the others now: {@code /health} is ready only then. */
    boolean connected();

    /** Why not, when {@link #connected()} is false. */
    String problem();

    /** The history that numbers the stream and lets a dashboard resume here. */
    StreamHistory history(ResumeSettings resume);

    /**
     * Where this node's readings and alerts go.
     *
     * @param stream      this node's dashboards, to which the backplane delivers
     * @param readingJson a reading's JSON before its number
     */
    StreamPublisher publisher(ResumableStream stream, Function<VitalSigns, String> readingJson);

    /** Put before the node's alert numbers, so an alert id names the node that holds it ({@code n2.A7}). */
    default String alertIdPrefix() {
        return "";
    }

    /** Where an acknowledgement is decided; {@code local} is this node's alert center. */
    default AlertDesk alertDesk(AlertDesk local) {
        return local;
    }

    /** The way to a device; {@code local} is this node's device gateway. */
    default Bedside bedside(Bedside local) {
        return local;
    }

    /** The alert list a dashboard opens with; {@code local} lists this node's active alerts. */
    default OpeningState opening(OpeningState local) {
        return local;
    }

    /** Where tickets are marked spent; {@code local} is this node's memory of them. */
    default TicketLedger ticketLedger(TicketLedger local) {
        return local;
    }

    /** The latest reading of every patient, for {@code GET /api/patients}; {@code local} is what this node has seen. */
    default Supplier<Collection<VitalSigns>> latestReadings(LatestReadings local) {
        return local::all;
    }
    /** Where the nodes of this backplane's cluster report for the admin's nodes panel. */
    NodeDirectory nodeDirectory(Clock clock);

    /** The node's server, once it is built: its wards, latest readings and sessions. */
    void attach(SecureServer server);

    @Override
    void close();
}
