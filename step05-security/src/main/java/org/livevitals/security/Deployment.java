package org.livevitals.security;

import java.util.Collection;
import java.util.function.Function;
import java.util.function.Supplier;
import org.livevitals.broadcast.LatestReadings;
import org.livevitals.echo.WebSocketServer;
import org.livevitals.rawsockets.VitalSigns;
import org.livevitals.reconnect.InMemoryHistory;
import org.livevitals.reconnect.OpeningState;
import org.livevitals.reconnect.ResumableStream;
import org.livevitals.reconnect.ResumeSettings;
import org.livevitals.reconnect.StreamHistory;
import org.livevitals.reconnect.StreamPublisher;

/**
 * Whether this server runs alone or as one node of several: a seam.
 *
 * <p>Alone ({@link #ALONE}, Lab 5) the stream's history is in this server's memory and what it publishes
 * goes straight to its own dashboards. Lab 6 makes a node of a cluster: the history is shared in Redis,
 * publishing goes through a backplane that delivers to every node, the node follows its sessions' wards
 * ({@link SessionWatcher}), and it adds its operations routes ({@code /health}, {@code /metrics}).
 */
public interface Deployment extends SessionWatcher {

    /** One server: Lab 5 as it is. */
    Deployment ALONE = new Deployment() {
        @Override
        public StreamHistory history(ResumeSettings resume) {
            return new InMemoryHistory(resume.historySize());
        }

        @Override
        public StreamPublisher publisher(ResumableStream stream, Function<VitalSigns, String> readingJson) {
            return stream;
        }

        @Override
        public void admitted(Access access) {
        }

        @Override
        public void left(Access access) {
        }
    };

    /** The history that numbers the dashboard stream and lets a dashboard resume. */
    StreamHistory history(ResumeSettings resume);

    /**
     * Where the readings and alerts this server publishes go.
     *
     * @param stream      this server's dashboards
     * @param readingJson a reading's JSON as the stream sends it, before its number
     */
    StreamPublisher publisher(ResumableStream stream, Function<VitalSigns, String> readingJson);

    /** Folders of pages and scripts served before Lab 5's (the first folder with a file wins). */
    default java.util.List<String> pages() {
        return java.util.List.of();
    }

    /**
     * Routes of its own, added after Lab 5's (a route with one of Lab 5's paths replaces it);
     * {@code tokens} and {@code audit} for an API that needs a sign-in, {@code wards} for one about patients.
     */
    default void extend(WebSocketServer.Builder web, Tokens tokens, AuditTrail audit, Wards wards) {
    }

    /** Put before this server's alert numbers: in a cluster, the node's name, so an alert id names its node. */
    default String alertIdPrefix() {
        return "";
    }

    /** Where an acknowledgement is decided; {@code local} is this server's alert center. */
    default AlertDesk alertDesk(AlertDesk local) {
        return local;
    }

    /** The way to a patient's device; {@code local} is this server's device gateway. */
    default Bedside bedside(Bedside local) {
        return local;
    }

    /** Where tickets are marked spent; {@code local} is this server's memory of them. */
    default TicketLedger ticketLedger(TicketLedger local) {
        return local;
    }

    /** The latest reading of every patient, for {@code GET /api/patients}; {@code local} is what this server has seen. */
    default Supplier<Collection<VitalSigns>> latestReadings(LatestReadings local) {
        return local::all;
    }

    /**
     * Told every change of every alert this server raises, after it went out on the stream, in order:
     * Lab 6 keeps them in its record. Called under the alert center's lock: keep it short.
     */
    default void alertChanged(org.livevitals.security.alerts.Alert alert) {
    }

    /** What a session is sent when it opens, after its readings; {@code local} lists this server's active alerts. */
    default OpeningState opening(OpeningState local) {
        return local;
    }
}
