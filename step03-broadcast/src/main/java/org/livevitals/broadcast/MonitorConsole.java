package org.livevitals.broadcast;

import java.io.PrintStream;
import java.net.URI;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.livevitals.rawsockets.Plural;
import org.livevitals.rawsockets.WireText;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A dashboard without a browser: prints every reading it is pushed, one line each.
 *
 * <p>Handy on a server with no screen, and proof that the stream is plain JSON any client can
 * read.
 */
public final class MonitorConsole {

    private final URI uri;
    private final PrintStream out;

    public MonitorConsole(URI uri, PrintStream out) {
        this.uri = uri;
        this.out = out;
    }

    /** Prints until the server closes the connection (or the JVM stops). */
    public void run() throws Exception {
        WebSocketClient client = new WebSocketClient();
        client.start();
        try {
            Printer printer = new Printer(out);
            try {
                client.connect(printer, uri).get(10, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                throw new java.io.IOException("cannot connect to " + uri + ": "
                        + WireText.escaped(String.valueOf(e.getCause().getMessage())), e);
            }
            out.println("watching " + uri + " (Ctrl-C to stop)");
            printer.closed.await();
        } finally {
            client.stop();
        }
    }

    /** Formats each message; public because Jetty calls it by reflection. */
    public static final class Printer implements Session.Listener.AutoDemanding {

        private final JsonMapper json = JsonMapper.builder().build();
        private final PrintStream out;
        private final CountDownLatch closed = new CountDownLatch(1);

        Printer(PrintStream out) {
            this.out = out;
        }

        @Override
        public void onWebSocketText(String text) {
            JsonNode message;
            try {
                message = json.readTree(text);
            } catch (JacksonException notJson) {
                out.println(WireText.escaped(text)); // print what came, never die on it
                return;
            }
            switch (message.path("type").asString()) {
                case "reading" -> out.println(line(message));
                case "snapshot" -> {
                    out.println("snapshot: " + Plural.of(message.path("readings").size(), "patient"));
                    message.path("readings").forEach(reading -> out.println(line(reading)));
                }
                default -> out.println(WireText.escaped(text)); // what a server says is escaped before it reaches a terminal
            }
        }

        static String line(JsonNode reading) {
            JsonNode v = reading.path("vitals");
            return String.format(Locale.ROOT, "%s %-8s pulse %3d  SpO2 %3d %%  temp %4.1f °C  BP %3d/%-3d  resp %2d",
                    WireText.printable(reading.path("time").asString().replaceFirst(".*T(\\d\\d:\\d\\d:\\d\\d).*", "$1")),
                    WireText.escaped(reading.path("patient").asString()),
                    v.path("heartRate").path("value").asInt(), v.path("spo2").path("value").asInt(),
                    v.path("temperature").path("value").asDouble(),
                    v.path("bloodPressure").path("systolic").asInt(), v.path("bloodPressure").path("diastolic").asInt(),
                    v.path("respiratoryRate").path("value").asInt());
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            // a failed connect is reported by run(); a broken connection ends with onWebSocketClose
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            out.println("closed: " + statusCode + " " + WireText.escaped(String.valueOf(reason)));
            closed.countDown();
        }
    }
}
