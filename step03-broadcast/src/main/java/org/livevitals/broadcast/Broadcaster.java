package org.livevitals.broadcast;

import java.util.function.Function;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.livevitals.rawsockets.ReadingListener;
import org.livevitals.rawsockets.VitalSigns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes every reading to every open dashboard: serialize once, send to many, wait for no one.
 *
 * <p>A reading is turned into JSON once, however many dashboards there are. Each send is
 * asynchronous, so a slow network or a frozen browser tab never holds up the publisher or the
 * other dashboards. Jetty queues what a session cannot take yet, up to the container's
 * {@code maxOutgoingFrames}; a send beyond that fails, and the broadcaster evicts that session
 * with {@link Session#disconnect()} (a polite close would wait behind the stuck frames).
 *
 * <p>It is a {@link ReadingListener}, so Lab 1's TCP server plugs straight into it: that is the
 * device gateway.
 */
public final class Broadcaster implements ReadingListener {

    private static final Logger log = LoggerFactory.getLogger(Broadcaster.class);

    private final DashboardSessions sessions;
    private final LatestReadings latest;
    private final Function<VitalSigns, String> toJson;

    public Broadcaster(DashboardSessions sessions, LatestReadings latest, Function<VitalSigns, String> toJson) {
        this.sessions = sessions;
        this.latest = latest;
        this.toJson = toJson;
    }

    @Override
    public void onReading(VitalSigns reading) {
        publish(reading);
    }

    public void publish(VitalSigns reading) {
        // Exercise 1 starts here (scenarios L3-01 L3-12)
        latest.update(reading);
        String json = toJson.apply(reading); // once per reading, not once per dashboard
        sessions.forEach(session -> send(session, json));
        // Exercise 1 ends here
    }

    private void send(Session session, String json) {
        // Exercise 2 starts here (scenarios L3-05)
        session.sendText(json, Callback.from(() -> { }, failure -> evict(session, failure)));
        // Exercise 2 ends here
    }

    /** A dashboard that cannot keep up loses its connection, not everyone else's readings. */
    private void evict(Session session, Throwable failure) {
        if (sessions.leave(session, "evicted: " + failure.getClass().getSimpleName())) {
            session.disconnect();
        }
    }
}
