package org.livevitals.broadcast;

import org.eclipse.jetty.websocket.server.WebSocketCreator;
import org.livevitals.rawsockets.ReadingListener;

/**
 * How readings become what dashboards receive: the one part of {@link MonitorServer} a later lab
 * replaces.
 *
 * <p>Every source (devices, simulated patients, the HTTP API) hands its readings to the stream, and
 * the stream makes the endpoint of each dashboard session. Lab 3's stream ({@link LiveStream})
 * pushes each reading as it comes; Lab 4's numbers every message so that a dashboard that
 * reconnects can resume where it left off.
 */
public interface DashboardStream extends ReadingListener, AutoCloseable {

    /** Makes the endpoint of each new dashboard session on {@link MonitorServer#WEBSOCKET_PATH}. */
    WebSocketCreator endpoints();

    /** Starts the stream's own timers, if it has any; called once the server is listening. */
    default void start() {
    }

    /** Stops those timers; called after the sources have stopped. */
    @Override
    default void close() {
    }

    /**
     * What a stream is built from: the parts every monitoring server has.
     *
     * @param settings    the server's settings
     * @param latest      the latest reading of each patient (for snapshots)
     * @param sessions    the open dashboard sessions
     * @param broadcaster sends a message to every session, evicting the ones that cannot keep up
     * @param messages    the JSON of Lab 3's messages
     */
    record Parts(MonitorSettings settings, LatestReadings latest, DashboardSessions sessions,
            Broadcaster broadcaster, DashboardMessages messages) {}
}
