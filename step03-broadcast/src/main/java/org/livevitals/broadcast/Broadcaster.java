package org.livevitals.broadcast;

import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import org.eclipse.jetty.websocket.api.Session;
import org.livevitals.rawsockets.ReadingListener;
import org.livevitals.rawsockets.VitalSigns;

/**
 * Pushes every reading to every open dashboard: serialize once, send to many, wait for no one.
 *
 * <p>A reading is turned into JSON, and the JSON into UTF-8 bytes ({@link EncodedText}), once,
 * however many dashboards there are. {@link FanOut} spreads the sends over the cores. Each send is
 * asynchronous, so a slow network or a frozen browser tab never holds up the publisher or the
 * other dashboards. Jetty queues what a session cannot take yet, up to the container's
 * {@code maxOutgoingFrames}; a send beyond that fails, and the broadcaster evicts that session
 * with {@link Session#disconnect()} (a polite close would wait behind the stuck frames).
 *
 * <p>It is a {@link ReadingListener}, so Lab 1's TCP server plugs straight into it: that is the
 * device gateway.
 */
public final class Broadcaster implements ReadingListener {

    private final DashboardSessions sessions;
    private final FanOut fanOut;
    private final LatestReadings latest;
    private final Function<VitalSigns, String> toJson;
    private volatile Consumer<Session> onDelivered = session -> { };

    public Broadcaster(DashboardSessions sessions, FanOut fanOut, LatestReadings latest,
            Function<VitalSigns, String> toJson) {
        this.sessions = sessions;
        this.fanOut = fanOut;
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
        EncodedText message = new EncodedText(toJson.apply(reading)); // once per reading, not per dashboard
        fanOut.toEverySession(session -> send(session, message));
        // Exercise 1 ends here
    }

    /**
     * Sends a message that is already encoded to the open dashboards {@code audience} accepts, with
     * the same eviction rule: Lab 4 sends its numbered messages through here, to everyone, and Lab 5
     * a patient's reading only to the sessions allowed to see that patient. The test runs on the
     * lanes, per session; the message is still encoded once.
     */
    public void broadcast(EncodedText message, Predicate<Session> audience) {
        fanOut.toEverySession(session -> {
            if (audience.test(session)) {
                send(session, message);
                onDelivered.accept(session);
            }
        });
    }

    /**
     * Adds a listener told of each message {@link #broadcast(EncodedText, Predicate)} hands to a
     * session, on the lane that hands it: Lab 4's heartbeats spare a dashboard that was just sent
     * something, and Lab 6 counts them. Listeners are added while the server starts.
     */
    public synchronized void onDelivered(Consumer<Session> listener) {
        this.onDelivered = onDelivered.andThen(listener);
    }

    private void send(Session session, EncodedText message) {
        // Exercise 2 starts here (scenarios L3-05)
        message.sendTo(session, failure -> evict(session, failure));
        // Exercise 2 ends here
    }

    /** A dashboard that cannot keep up loses its connection, not everyone else's readings. */
    private void evict(Session session, Throwable failure) {
        sessions.evict(session, failure);
    }
}
