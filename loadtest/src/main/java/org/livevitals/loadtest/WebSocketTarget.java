package org.livevitals.loadtest;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.livevitals.broadcast.DashboardMessages;
import org.livevitals.broadcast.MonitorServer;
import org.livevitals.broadcast.MonitorSettings;
import org.eclipse.jetty.websocket.api.Callback;
import org.livevitals.rawsockets.VitalSigns;
import org.livevitals.reconnect.ResumableStream;
import org.livevitals.reconnect.ResumeServer;
import org.livevitals.reconnect.ResumeSettings;
import org.livevitals.reconnect.StreamHistory;
import org.livevitals.security.SecureServer;
import org.livevitals.security.SecuritySettings;

/**
 * A monitoring server, unchanged but for the serializer: it stamps each publication. Lab 3's server
 * ({@code --server websocket}), or Lab 4's ({@code --server resume}, {@link #resume}): every message
 * numbered, the last {@value ResumeSettings#DEFAULT_HISTORY_SIZE} kept to replay, every dashboard
 * pinged every 15 s and sent a heartbeat every 5 s unless it was just sent a reading. Lab 4 appends
 * its {@code "seq"} at the end of the stamped JSON, so the generator reads the same stamp at the front; the generator answers the pings, or Lab 4
 * would cut every dashboard after its pong window. Or Lab 5's ({@code --server secure}, {@link #secure}):
 * Lab 4's, with a ticket checked at every handshake and each reading sent only to the sessions whose
 * signed-in user may see its patient. Or Lab 6's node ({@link #scaling}): Lab 5's on a backplane, alone
 * ({@code --server single-node}) or one of two on Redis ({@code --server cluster}).
 *
 * <p>It publishes through the server's stream, as a device would: for Lab 4 that is what numbers and
 * keeps a reading. Only one publisher thread calls {@link #publish}, and the stream serializes on that
 * thread, so the stamp for the reading being serialized can be handed over in two fields.
 */
final class WebSocketTarget implements BroadcastTarget {

    /** Starts a server with these settings and the stamping serializer. */
    @FunctionalInterface
    interface ServerStart {
        MonitorServer start(MonitorSettings settings, Function<VitalSigns, String> stamped) throws Exception;
    }

    private final DashboardMessages messages = new DashboardMessages();
    private final MonitorServer server;
    /** What {@link #close} closes: the server, or Lab 5's whole server around it (its audit trail too). */
    private AutoCloseable whole;
    /** Lab 6's node ({@link #scaling}), or null. */
    private org.livevitals.scaling.ScalingServer node;
    private long currentPub;
    private long currentDue;

    /** Lab 3's server. */
    WebSocketTarget(int port, int fanOutLanes) throws Exception {
        this(port, fanOutLanes, (settings, stamped) -> new MonitorServer(settings, Clock.systemUTC(), stamped).start());
    }

    WebSocketTarget(int port, int fanOutLanes, ServerStart start) throws Exception {
        server = start.start(settings(port, fanOutLanes),
                reading -> Publication.stamp(messages.reading(reading), currentPub, currentDue));
        whole = server;
    }

    /**
     * Lab 4's server.
     *
     * @param resume Lab 4's settings: {@link HistoryMemory} compares a history of 1 with the default one,
     *     and a comparison run may space the heartbeats out to leave them out of a scenario
     */
    static WebSocketTarget resume(int port, int fanOutLanes, ResumeSettings resume) throws Exception {
        return new WebSocketTarget(port, fanOutLanes,
                (settings, stamped) -> ResumeServer.newServer(settings, resume, Clock.systemUTC(), stamped).start());
    }

    /**
     * Lab 5's server, with the development signing key and audit trail in {@code security}'s data
     * directory and no TLS. The generator signs in over HTTP and asks for a ticket per dashboard
     * ({@link Tickets}), as a browser does.
     */
    static WebSocketTarget secure(int port, int fanOutLanes, ResumeSettings resume, SecuritySettings security)
            throws Exception {
        SecureServer[] lab5 = new SecureServer[1];
        WebSocketTarget target = new WebSocketTarget(port, fanOutLanes, (settings, stamped) -> {
            lab5[0] = SecureServer.newServer(settings, resume, security, Clock.systemUTC(), stamped).start();
            return lab5[0].monitor();
        });
        target.whole = lab5[0];
        return target;
    }

    /**
     * Lab 6's node: Lab 5's server whose stream goes through a backplane, in-memory for one node
     * ({@link org.livevitals.scaling.ScalingSettings#SINGLE_NODE}), Redis for a node of a cluster. On Redis a
     * reading published here is numbered by Redis and comes back to every node (this one too) before any
     * dashboard is sent it; the stamp is written here, on the publishing node, so latency from
     * {@code sentAt} includes the trip through Redis.
     */
    static WebSocketTarget scaling(int port, int fanOutLanes, ResumeSettings resume, SecuritySettings security,
            org.livevitals.scaling.ScalingSettings scaling) throws Exception {
        org.livevitals.scaling.ScalingServer[] lab6 = new org.livevitals.scaling.ScalingServer[1];
        WebSocketTarget target = new WebSocketTarget(port, fanOutLanes, (settings, stamped) -> {
            lab6[0] = org.livevitals.scaling.ScalingServer.newServer(settings, resume, security,
                    org.livevitals.security.ClinicalSettings.DEFAULTS, scaling, Clock.systemUTC(), stamped).start();
            return lab6[0].secure().monitor();
        });
        target.whole = lab6[0];
        target.node = lab6[0];
        return target;
    }

    /** Lab 6's node inside, or null for the servers of Labs 3 to 5. */
    org.livevitals.scaling.ScalingServer node() {
        return node;
    }

    /** The stream's history: for Lab 6 on Redis, the cluster's latest number and the last one delivered here. */
    StreamHistory history() {
        // Lab 5 wraps Lab 4's stream in its own (sign-in, audience); the server still holds Lab 4's.
        return node != null ? node.secure().stream().history() : ((ResumableStream) server.stream()).history();
    }

    /** The messages Lab 4's history keeps now, oldest first: what a resumed dashboard would be sent. */
    List<StreamHistory.Numbered> kept() {
        StreamHistory history = history();
        long latest = history.latestSeq();
        return history.after(Math.max(0, latest - history.capacity())).orElseThrow();
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
        server.stream().onReading(reading);
    }

    @Override
    public void sendToAll(String json) {
        // Through the same lanes as every publication before it, so it arrives after them all.
        server.fanOut().toEverySession(session -> session.sendText(json, Callback.NOOP));
    }

    @Override
    public void close() throws Exception {
        whole.close();
    }
}
