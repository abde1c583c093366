package org.livevitals.loadtest;

import java.time.Clock;
import java.util.List;
import java.util.function.Function;
import org.eclipse.jetty.websocket.api.Callback;
import org.livevitals.broadcast.DashboardMessages;
import org.livevitals.broadcast.MonitorServer;
import org.livevitals.reconnect.ResumableStream;
import org.livevitals.reconnect.ResumeServer;
import org.livevitals.reconnect.ResumeSettings;
import org.livevitals.reconnect.StreamHistory;
import org.livevitals.rawsockets.VitalSigns;

/**
 * Lab 4's server ({@link ResumeServer}) with its defaults: every message numbered, the last
 * {@value ResumeSettings#DEFAULT_HISTORY_SIZE} kept to replay, a heartbeat and a ping to every
 * dashboard every 5 s. Stamped as {@link WebSocketTarget} stamps Lab 3's: the stamp goes at the front
 * of the reading's JSON and Lab 4 appends its {@code "seq"} at the end, so the generator reads the
 * same stamp; the generator answers the pings, or the server would cut every dashboard after its pong
 * window.
 *
 * <p>It publishes through the server's stream, as a device would, because that is what numbers and
 * keeps a reading ({@code broadcaster().publish} would skip both). Only one publisher thread calls
 * {@link #publish}, and the stream serializes under its lock on that thread, so the stamp for the
 * reading being serialized can be handed over in two fields.
 */
final class ResumeTarget implements BroadcastTarget {

    private final DashboardMessages messages = new DashboardMessages();
    private final MonitorServer server;
    private long currentPub;
    private long currentDue;

    ResumeTarget(int port, int fanOutLanes) throws Exception {
        this(port, fanOutLanes, ResumeSettings.DEFAULTS);
    }

    /**
     * @param resume Lab 4's settings: {@link HistoryMemory} compares a history of 1 with the default one,
     *     and a comparison run may space the heartbeats out to leave them out of a scenario
     */
    ResumeTarget(int port, int fanOutLanes, ResumeSettings resume) throws Exception {
        Function<VitalSigns, String> stamped = reading -> Publication.stamp(messages.reading(reading), currentPub, currentDue);
        server = ResumeServer.newServer(WebSocketTarget.settings(port, fanOutLanes), resume, Clock.systemUTC(), stamped).start();
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
        server.stream().onReading(reading);
    }

    @Override
    public void sendToAll(String json) {
        // Through the same lanes as every publication before it, so it arrives after them all.
        server.fanOut().toEverySession(session -> session.sendText(json, Callback.NOOP));
    }

    /** The numbered, kept messages: what a resumed dashboard would be sent. */
    StreamHistory history() {
        return ((ResumableStream) server.stream()).history();
    }

    /** The messages the history keeps now, oldest first. */
    List<StreamHistory.Numbered> kept() {
        StreamHistory history = history();
        long latest = history.latestSeq();
        return history.after(Math.max(0, latest - history.capacity())).orElseThrow();
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
