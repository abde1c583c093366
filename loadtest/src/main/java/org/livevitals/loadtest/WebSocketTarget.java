package org.livevitals.loadtest;

import java.time.Clock;
import java.time.Duration;
import org.livevitals.broadcast.DashboardMessages;
import org.livevitals.broadcast.MonitorServer;
import org.livevitals.broadcast.MonitorSettings;
import org.eclipse.jetty.websocket.api.Callback;
import org.livevitals.rawsockets.VitalSigns;

/**
 * Lab 3's monitoring server, unchanged but for the serializer: it stamps each publication.
 *
 * <p>Only one publisher thread calls {@link #publish}, so the stamp for the reading being
 * serialized can be handed over in two fields.
 */
final class WebSocketTarget implements BroadcastTarget {

    private final DashboardMessages messages = new DashboardMessages();
    private final MonitorServer server;
    private long currentPub;
    private long currentDue;

    WebSocketTarget(int port, int fanOutLanes) throws Exception {
        server = new MonitorServer(settings(port, fanOutLanes), Clock.systemUTC(),
                reading -> Publication.stamp(messages.reading(reading), currentPub, currentDue)).start();
    }

    /** A server with no simulated patients (the publisher is the only source) on {@code port}, 0 for any. */
    static MonitorSettings settings(int port, int fanOutLanes) {
        return new MonitorSettings(port, 0, 0, Duration.ofSeconds(1), MonitorSettings.DEFAULT_STALE_AFTER,
                MonitorSettings.DEFAULT_MAX_QUEUED_FRAMES, fanOutLanes);
    }

    @Override
    public int port() {
        return server.port();
    }

    @Override
    public int connections() {
        return server.sessions().size();
    }

    @Override
    public void publish(long pub, long dueMicros, VitalSigns reading) {
        currentPub = pub;
        currentDue = dueMicros;
        server.broadcaster().publish(reading);
    }

    @Override
    public void sendToAll(String json) {
        // Through the same lanes as every publication before it, so it arrives after them all.
        server.fanOut().toEverySession(session -> session.sendText(json, Callback.NOOP));
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
