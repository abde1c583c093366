package org.livevitals.echo;

import java.io.BufferedReader;
import java.io.PrintStream;
import java.net.URI;
import org.livevitals.rawsockets.WireText;

/**
 * The echo console: each line typed is sent, each echo printed; {@code exit} (or the end of
 * input) closes the session with 1000, and both sides report the close.
 *
 * <p>Built on Jetty's WebSocket client through {@link WebSocketConsole}, which does the
 * handshake, masking and framing that {@link RawWebSocket} does by hand.
 */
public final class EchoConsole {

    public static final String EXIT = WebSocketConsole.EXIT;

    private final WebSocketConsole console;

    public EchoConsole(URI uri, PrintStream out) {
        this.console = new WebSocketConsole(uri, out, EchoConsole::format);
    }

    /** The echo is the conversation itself: printed whole, but escaped, as a server may send anything. */
    static String format(String echo) {
        return "echo: " + WireText.escaped(echo);
    }

    /** Runs until {@code exit}, the end of {@code input}, or the server closing the session. */
    public void run(BufferedReader input) throws Exception {
        console.run(input);
    }
}
