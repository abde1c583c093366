package org.livevitals.broadcast;

import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.livevitals.echo.WebSocketConsole;
import org.livevitals.rawsockets.Plural;
import org.livevitals.rawsockets.WireText;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A dashboard without a browser: prints every reading it is pushed, one line each.
 *
 * <p>Handy on a server with no screen, and proof that the stream is plain JSON any client can
 * read. It is Lab 2's {@link WebSocketConsole} with a format for the dashboard's messages.
 */
public final class MonitorConsole {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebSocketConsole console;

    public MonitorConsole(URI uri, PrintStream out) {
        this.console = new WebSocketConsole(uri, out, MonitorConsole::format);
    }

    /** Prints until the server closes the connection (or the JVM stops). */
    public void run() throws Exception {
        console.run(null);
    }

    /** What a message from the server looks like in a terminal: a line per reading. */
    static String format(String text) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (JacksonException notJson) {
            return WireText.escaped(text); // print what came, never die on it
        }
        return switch (message.path("type").asString()) {
            case "reading" -> line(message);
            case "snapshot" -> {
                List<String> lines = new ArrayList<>();
                lines.add("snapshot: " + Plural.of(message.path("readings").size(), "patient"));
                message.path("readings").forEach(reading -> lines.add(line(reading)));
                yield String.join(System.lineSeparator(), lines);
            }
            default -> WireText.escaped(text); // what a server says is escaped before it reaches a terminal
        };
    }

    /** One reading on one line: time, patient and each vital with its unit. */
    public static String line(JsonNode reading) {
        JsonNode v = reading.path("vitals");
        return String.format(Locale.ROOT, "%s %-8s pulse %3d  SpO2 %3d %%  temp %4.1f °C  BP %3d/%-3d  resp %2d",
                WireText.printable(reading.path("time").asString().replaceFirst(".*T(\\d\\d:\\d\\d:\\d\\d).*", "$1")),
                WireText.escaped(reading.path("patient").asString()),
                v.path("heartRate").path("value").asInt(), v.path("spo2").path("value").asInt(),
                v.path("temperature").path("value").asDouble(),
                v.path("bloodPressure").path("systolic").asInt(), v.path("bloodPressure").path("diastolic").asInt(),
                v.path("respiratoryRate").path("value").asInt());
    }
}
