package org.livevitals.reconnect;

import java.io.PrintStream;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.random.RandomGenerator;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.livevitals.broadcast.MonitorConsole;
import org.livevitals.rawsockets.Plural;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Lab 3's monitor that never gives up: it prints every reading with its sequence number, and every
 * step of an outage (the loss, each retry and its wait, the resume or why there was none).
 *
 * <p>Kill the server, start it again, and watch: the readings published while it was gone are
 * replayed if the same server comes back, and a restarted server says it could not.
 */
public final class ReconnectingConsole implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PrintStream out;
    private final WebSocketClient jetty = new WebSocketClient();
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "reconnect"));
    private final ReconnectingClient client;

    public ReconnectingConsole(List<URI> urls, PrintStream out) {
        this.out = out;
        this.client = new ReconnectingClient(jetty, timer, urls, Backoff.DEFAULT,
                ReconnectingClient.DEFAULT_STABLE_AFTER, RandomGenerator.getDefault(), this::print);
        jetty.setMaxTextMessageSize(ReconnectingClient.MAX_MESSAGE_BYTES);
    }

    public ReconnectingConsole start() throws Exception {
        jetty.start();
        client.start();
        return this;
    }

    /** What each event looks like in a terminal. */
    static String format(StreamEvent event) {
        // Java 17: an instanceof chain (a switch on the sealed type needs Java 21)
        if (event instanceof StreamEvent.Connecting c) {
            return "connecting to " + c.url() + " (attempt " + c.attempt() + ")";
        } else if (event instanceof StreamEvent.Opened o) {
            return "open: " + o.url();
        } else if (event instanceof StreamEvent.AttemptFailed f) {
            return "attempt failed: " + f.reason();
        } else if (event instanceof StreamEvent.Disconnected d) {
            return "connection lost: " + d.statusCode() + " " + d.reason();
        } else if (event instanceof StreamEvent.Reconnecting r) {
            return String.format(Locale.ROOT, "reconnecting in %.1f s (retry %d) to %s",
                    r.delay().toMillis() / 1000.0, r.attempt(), r.url());
        } else if (event instanceof StreamEvent.Snapshot s) {
            return snapshot(s);
        } else if (event instanceof StreamEvent.Resumed r) {
            return "resumed at #" + r.seq() + ": " + Plural.of(r.missed(), "missed reading") + " replayed";
        } else if (event instanceof StreamEvent.NotResumed n) {
            return "could not resume: " + n.reason() + "; starting again from a snapshot";
        } else if (event instanceof StreamEvent.Reading r) {
            return "#" + r.seq() + " " + MonitorConsole.line(JSON.readTree(r.json()));
        } else if (event instanceof StreamEvent.ServerError e) {
            return "server says: " + e.reason();
        }
        return "closed";
    }

    private static String snapshot(StreamEvent.Snapshot snapshot) {
        JsonNode readings = JSON.readTree(snapshot.json()).path("readings");
        StringBuilder text = new StringBuilder("snapshot of epoch " + snapshot.epoch() + " at #" + snapshot.seq()
                + ": " + Plural.of(readings.size(), "patient"));
        readings.forEach(reading -> text.append(System.lineSeparator()).append(MonitorConsole.line(reading)));
        return text.toString();
    }

    private void print(StreamEvent event) {
        out.println(format(event));
    }

    @Override
    public void close() throws Exception {
        client.close();
        timer.shutdownNow();
        jetty.stop();
    }
}
