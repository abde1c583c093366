package org.livevitals.reconnect;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.random.RandomGenerator;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.livevitals.echo.WebSocketConsole;
import org.livevitals.rawsockets.WireText;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A dashboard client that stays connected: it notices a dead connection, comes back with backoff and
 * jitter, and resumes the stream where it left off, so its caller sees every reading once and in
 * order across outages.
 *
 * <ul>
 *   <li><b>Noticing.</b> The server sends something at least every one and a half heartbeat intervals
 *       (a heartbeat message, unless it has just sent a reading); silence for
 *       {@value #MISSED_HEARTBEATS} intervals means the connection is dead even if TCP has not noticed
 *       (a half-open connection never closes by itself), so the client cuts it.</li>
 *   <li><b>Coming back.</b> Each retry waits {@link Backoff#delay}; a connection that stayed up for
 *       {@code stableAfter} starts the count again. Attempts go round the list of URLs, so a second
 *       server can take over (Lab 6).</li>
 *   <li><b>Resuming.</b> It remembers the epoch and the last sequence number and asks for what came
 *       after ({@link ResumeRequest}). A number it has seen is ignored; a number that skips one means
 *       something was lost, so it reconnects to have it replayed.</li>
 * </ul>
 *
 * <p>Everything it does happens under the client's own lock, and events reach the listener in order.
 */
public final class ReconnectingClient implements AutoCloseable {

    public enum State { CONNECTING, OPEN, RECONNECTING, CLOSED }

    /** Beats a dashboard may miss before it calls the connection dead. */
    public static final int MISSED_HEARTBEATS = 3;
    /** A connection that stayed up this long resets the backoff: the server is back for good. */
    public static final Duration DEFAULT_STABLE_AFTER = Duration.ofSeconds(10);
    /** Until the server has said its heartbeat interval, the default one is assumed. */
    private static final Duration ASSUMED_HEARTBEAT = ResumeSettings.DEFAULT_HEARTBEAT_INTERVAL;
    /** How long an attempt may take to open, whatever the server: a blackholed network answers nothing. */
    public static final Duration HANDSHAKE_TIMEOUT = Duration.ofSeconds(10);
    /** A resume may replay the whole history in one message: far more than Jetty's 64 KiB default. */
    public static final int MAX_MESSAGE_BYTES = 4 * 1024 * 1024;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebSocketClient jetty;
    private final ScheduledExecutorService timer;
    private final List<URI> urls;
    private final Backoff backoff;
    private final Duration stableAfter;
    private final RandomGenerator random;
    private final Consumer<StreamEvent> listener;

    private State state = State.CONNECTING;
    private int urlIndex;
    private int attempt;                 // retries since the last stable connection
    private Connection current;          // the connection being made or open, if any
    private ScheduledFuture<?> pending;  // the next attempt or the silence check
    private String epoch;                // where the stream stands, once a snapshot or a resume said so
    private long lastSeq;
    private Duration heartbeat = ASSUMED_HEARTBEAT;

    /**
     * @param jetty    a started Jetty client; many reconnecting clients may share one
     * @param timer    runs the retries and the silence checks; may be shared too
     * @param urls     the servers to try, in turn
     * @param listener hears every {@link StreamEvent}, under the client's lock: it must not block
     */
    public ReconnectingClient(WebSocketClient jetty, ScheduledExecutorService timer, List<URI> urls, Backoff backoff,
            Duration stableAfter, RandomGenerator random, Consumer<StreamEvent> listener) {
        if (urls.isEmpty()) {
            throw new IllegalArgumentException("at least one URL to connect to");
        }
        this.jetty = jetty;
        this.timer = timer;
        this.urls = List.copyOf(urls);
        this.backoff = backoff;
        this.stableAfter = stableAfter;
        this.random = random;
        this.listener = listener;
    }

    /** Makes the first attempt now. */
    public synchronized ReconnectingClient start() {
        connect();
        return this;
    }

    public synchronized State state() {
        return state;
    }

    /** The last sequence number delivered, in {@link #epoch()}; 0 before the first snapshot. */
    public synchronized long lastSeq() {
        return lastSeq;
    }

    public synchronized String epoch() {
        return epoch;
    }

    private void connect() {
        URI url = urls.get(urlIndex);
        Connection connection = new Connection(url);
        current = connection;
        listener.accept(new StreamEvent.Connecting(attempt + 1, url));
        try {
            jetty.connect(connection, withResume(url))
                    .orTimeout(HANDSHAKE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((session, failure) -> {
                        if (failure != null) {
                            attemptFailed(connection, failure);
                        }
                    });
        } catch (IOException | RuntimeException e) { // e.g. the Jetty client is stopping
            attemptFailed(connection, e);
        }
    }

    /** The URL with the resume request, once the client knows where the stream stands. */
    private URI withResume(URI url) {
        if (epoch == null) {
            return url;
        }
        String query = ResumeRequest.EPOCH + "=" + URLEncoder.encode(epoch, StandardCharsets.UTF_8)
                + "&" + ResumeRequest.LAST_SEQ + "=" + lastSeq;
        return URI.create(url + (url.getRawQuery() == null ? "?" : "&") + query);
    }

    private synchronized void attemptFailed(Connection connection, Throwable failure) {
        if (connection != current || state == State.CLOSED) {
            return;
        }
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        String reason = cause instanceof java.util.concurrent.TimeoutException
                ? "no answer within " + HANDSHAKE_TIMEOUT.toSeconds() + " s" : WebSocketConsole.why(cause);
        listener.accept(new StreamEvent.AttemptFailed(connection.url, reason));
        current = null;
        connection.abandon();
        retry();
    }

    private synchronized void opened(Connection connection, Session session) {
        if (connection != current || state == State.CLOSED) {
            session.disconnect(); // a late answer to an attempt given up on
            return;
        }
        connection.session = session;
        connection.openedAt = System.nanoTime();
        state = State.OPEN;
        listener.accept(new StreamEvent.Opened(connection.url));
        connection.lastHeard = System.nanoTime();
        watchSilence(connection);
    }

    private synchronized void received(Connection connection, String text) {
        if (connection != current || state == State.CLOSED) {
            return;
        }
        heard(connection);
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (JacksonException e) {
            listener.accept(new StreamEvent.ServerError("not JSON: " + WireText.escaped(abbreviated(text))));
            return;
        }
        switch (message.path("type").asString("")) {
            case "snapshot" -> snapshot(connection, message, text);
            case "recovery" -> recovery(connection, message);
            case "reading" -> reading(connection, message.path("seq").asLong(-1), text);
            case "heartbeat" -> { } // heard(): that is all a heartbeat is for
            case "error" -> listener.accept(new StreamEvent.ServerError(WireText.escaped(message.path("reason").asString(""))));
            default -> listener.accept(new StreamEvent.ServerError("unexpected message: " + WireText.escaped(abbreviated(text))));
        }
    }

    /**
     * Where a server says the stream stands is checked like any input: an epoch that could not be
     * sent back in a URL, or a negative number, would poison every later resume, on every server.
     */
    private boolean positionIsValid(Connection connection, String epoch, long seq) {
        if (ResumeRequest.isEpoch(epoch) && seq >= 0) {
            return true;
        }
        listener.accept(new StreamEvent.ServerError("the server's position is not valid: epoch \""
                + WireText.escaped(abbreviated(epoch)) + "\", seq " + seq));
        this.epoch = null; // the next connection starts afresh
        lastSeq = 0;
        lost(connection, StatusCode.PROTOCOL, "invalid stream position");
        return false;
    }

    private void snapshot(Connection connection, JsonNode message, String text) {
        String snapshotEpoch = message.path("epoch").asString("");
        long seq = message.path("seq").asLong(-1);
        if (!positionIsValid(connection, snapshotEpoch, seq)) {
            return;
        }
        // The server sends a snapshot in order with its readings: its number is where the stream stands.
        lastSeq = seq;
        epoch = snapshotEpoch;
        heartbeatIs(connection, message);
        listener.accept(new StreamEvent.Snapshot(epoch, lastSeq, text));
    }

    private void recovery(Connection connection, JsonNode message) {
        if (!message.path("recovered").asBoolean()) {
            listener.accept(new StreamEvent.NotResumed(WireText.escaped(message.path("reason").asString(""))));
            return; // the snapshot that follows sets the position
        }
        heartbeatIs(connection, message);
        JsonNode missed = message.path("missed");
        listener.accept(new StreamEvent.Resumed(epoch, message.path("seq").asLong(), missed.size()));
        for (JsonNode reading : missed) {
            if (connection != current) {
                return; // a gap in the replay itself cut the connection: the next resume starts again
            }
            reading(connection, reading.path("seq").asLong(-1), JSON.writeValueAsString(reading));
        }
    }

    /** Delivers each number once, in order; a skipped number means a loss, which a resume repairs. */
    private void reading(Connection connection, long seq, String text) {
        if (seq <= lastSeq) {
            return; // seen already: handed out just before we joined, or replayed
        }
        if (seq != lastSeq + 1) {
            lost(connection, StatusCode.ABNORMAL, "sequence gap: expected " + (lastSeq + 1) + ", got " + seq);
            return;
        }
        lastSeq = seq;
        listener.accept(new StreamEvent.Reading(seq, text));
    }

    /** Something arrived: the silence starts again. */
    private void heard(Connection connection) {
        connection.lastHeard = System.nanoTime();
    }

    /** The server says how often it beats (first message of each connection); the check follows it. */
    private void heartbeatIs(Connection connection, JsonNode message) {
        long millis = message.path("heartbeatMs").asLong(0);
        // From the outside, so checked: a beat faster than 10 ms or slower than 10 minutes is not believed.
        Duration said = millis >= 10 && millis <= 600_000 ? Duration.ofMillis(millis) : ASSUMED_HEARTBEAT;
        if (!said.equals(heartbeat)) {
            heartbeat = said;
            watchSilence(connection);
        }
    }

    /** Checks for silence a few times per window, so a dead connection is cut soon after the window. */
    private void watchSilence(Connection connection) {
        cancelPending();
        long every = Math.max(1, silenceWindow().toMillis() / MISSED_HEARTBEATS);
        pending = timer.scheduleAtFixedRate(() -> checkSilence(connection), every, every, TimeUnit.MILLISECONDS);
    }

    private synchronized void checkSilence(Connection connection) {
        if (connection != current) {
            return;
        }
        long silentMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - connection.lastHeard);
        if (silentMillis > silenceWindow().toMillis()) {
            lost(connection, StatusCode.ABNORMAL, "silent for " + silentMillis + " ms ("
                    + MISSED_HEARTBEATS + " heartbeats of " + heartbeat.toMillis() + " ms)");
        }
    }

    private Duration silenceWindow() {
        return heartbeat.multipliedBy(MISSED_HEARTBEATS);
    }

    private synchronized void closedByServer(Connection connection, int statusCode, String reason) {
        if (connection == current && state != State.CLOSED) {
            lost(connection, statusCode, WireText.escaped(String.valueOf(reason)));
        }
    }

    /** The open connection is gone: say so, drop it, and schedule the next attempt. */
    private void lost(Connection connection, int statusCode, String reason) {
        listener.accept(new StreamEvent.Disconnected(statusCode, reason));
        current = null;
        connection.abandon();
        if (connection.openedAt != 0 && System.nanoTime() - connection.openedAt >= stableAfter.toNanos()) {
            attempt = 0; // it stayed up: this is a new outage, not the same one going on
        }
        retry();
    }

    private void retry() {
        cancelPending();
        urlIndex = (urlIndex + 1) % urls.size();
        attempt++;
        Duration delay = backoff.delay(attempt, random);
        state = State.RECONNECTING;
        listener.accept(new StreamEvent.Reconnecting(attempt, delay, urls.get(urlIndex)));
        pending = timer.schedule(this::reconnect, delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private synchronized void reconnect() {
        if (state == State.RECONNECTING) {
            pending = null;
            connect();
        }
    }

    private void cancelPending() {
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }

    /** Closes the connection (1000) and stops reconnecting; the Jetty client and timer stay the caller's. */
    @Override
    public synchronized void close() {
        if (state == State.CLOSED) {
            return;
        }
        state = State.CLOSED;
        cancelPending();
        if (current != null) {
            current.closeNormally();
            current = null;
        }
        listener.accept(new StreamEvent.Closed());
    }

    private static String abbreviated(String text) {
        return text.length() <= 80 ? text : text.substring(0, 80) + "…";
    }

    /** One connection attempt and, if it opens, its session: Jetty calls it by reflection (public). */
    public final class Connection implements Session.Listener.AutoDemanding {

        private final URI url;
        private volatile Session session;
        private long openedAt;
        private volatile long lastHeard;

        Connection(URI url) {
            this.url = url;
        }

        @Override
        public void onWebSocketOpen(Session session) {
            opened(this, session);
        }

        @Override
        public void onWebSocketText(String message) {
            received(this, message);
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            closedByServer(this, statusCode, reason);
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            // a failed attempt is reported by connect(); a broken connection ends with onWebSocketClose
        }

        /** Cut without a close handshake: a dead or unwanted connection would never answer one. */
        void abandon() {
            Session open = session;
            if (open != null) {
                open.disconnect();
            }
        }

        void closeNormally() {
            Session open = session;
            if (open != null) {
                open.close(StatusCode.NORMAL, "client closed", org.eclipse.jetty.websocket.api.Callback.NOOP);
            }
        }
    }
}
