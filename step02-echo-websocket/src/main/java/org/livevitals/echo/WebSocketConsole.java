package org.livevitals.echo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.livevitals.rawsockets.WireText;

/**
 * A terminal on a WebSocket stream, on Jetty's {@link WebSocketClient}: it connects, prints every
 * text message the server sends (each program says how one reads), reports the close, and, given
 * a keyboard, sends each line typed until {@value #EXIT} or the end of input.
 *
 * <p>Lab 2's echo console and Lab 3's monitor are this class with their own formats; later labs
 * extend it where they add something to the connection (reconnecting, signing in).
 */
public class WebSocketConsole {

    public static final String EXIT = "exit";
    private static final long CONNECT_TIMEOUT_SECONDS = 10;

    private final URI uri;
    private final PrintStream out;
    private final Function<String, String> format;

    /**
     * @param format what to print for a text message from the server (it may span lines); it must
     *     escape what it prints, as a server may send anything
     */
    public WebSocketConsole(URI uri, PrintStream out, Function<String, String> format) {
        this.uri = uri;
        this.out = out;
        this.format = format;
    }

    /**
     * Runs until the server closes the session, or with a {@code keyboard}, until {@value #EXIT} or
     * the end of its input; {@code keyboard} may be null for a console that only watches.
     */
    public void run(BufferedReader keyboard) throws Exception {
        WebSocketClient client = new WebSocketClient();
        client.start();
        try {
            Printer printer = new Printer(out, format);
            Session session = connect(client, printer);
            if (keyboard == null) {
                out.println("watching " + uri + " (Ctrl-C to stop)");
            } else {
                out.println("connected to " + uri + "; type a message, or " + EXIT + " to quit");
                // Typing happens on its own thread: when the server closes the session (idle timeout,
                // shutdown) the console ends at once instead of waiting for the next line.
                Thread typing = new Thread(() -> sendTypedLines(keyboard, session), "console-keyboard");
                typing.setDaemon(true);
                typing.start();
            }
            printer.awaitClose();
        } finally {
            client.stop();
        }
    }

    private static void sendTypedLines(BufferedReader input, Session session) {
        try {
            String line;
            while ((line = input.readLine()) != null && !line.equals(EXIT) && session.isOpen()) {
                session.sendText(line, Callback.NOOP);
            }
        } catch (IOException e) {
            // the keyboard is gone: treat it like exit
        }
        if (session.isOpen()) {
            session.close(StatusCode.NORMAL, "bye", Callback.NOOP);
        }
    }

    /** Opens the session; a later lab overrides it to add what its server asks of a client. */
    protected Session connect(WebSocketClient client, Session.Listener listener) throws Exception {
        try {
            return client.connect(listener, uri).get(CONNECT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IOException("cannot connect to " + uri + ": " + why(e.getCause()), e);
        }
    }

    /** Why a connect failed. A refusal is told by its status code: its reason phrase is the server's text. */
    public static String why(Throwable failure) {
        return failure instanceof UpgradeException refused
                ? "the server answered HTTP " + refused.getResponseStatusCode() + " instead of switching to WebSocket"
                : WireText.printable(String.valueOf(failure.getMessage()));
    }

    /** Prints what the server sends, and remembers that the session closed (public: Jetty calls it by reflection). */
    public static final class Printer implements Session.Listener.AutoDemanding {

        private final PrintStream out;
        private final Function<String, String> format;
        private final CountDownLatch closed = new CountDownLatch(1);

        public Printer(PrintStream out, Function<String, String> format) {
            this.out = out;
            this.format = format;
        }

        @Override
        public void onWebSocketText(String message) {
            out.println(format.apply(message));
        }

        /** The reason is the server's text, escaped: a control character in it stays visible and harmless. */
        @Override
        public void onWebSocketClose(int statusCode, String reason) {
            out.println("closed: " + statusCode + " " + WireText.printable(String.valueOf(reason)));
            closed.countDown();
        }

        @Override
        public void onWebSocketError(Throwable cause) {
            // a failed connect is reported by connect(); a broken connection ends with onWebSocketClose
        }

        void awaitClose() throws InterruptedException {
            closed.await();
        }
    }
}
