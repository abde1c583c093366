package org.livevitals.echo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.livevitals.rawsockets.WireText;

/**
 * The console client: each line typed is sent, each echo printed; {@code exit} (or the end of
 * input) closes the session with 1000, and both sides report the close.
 *
 * <p>Built on Jetty's {@link WebSocketClient}, which does the handshake, masking and framing that
 * {@link RawWebSocket} does by hand.
 */
public final class EchoConsole {

    public static final String EXIT = "exit";
    private static final long TIMEOUT_SECONDS = 10;

    private final URI uri;
    private final PrintStream out;

    public EchoConsole(URI uri, PrintStream out) {
        this.uri = uri;
        this.out = out;
    }

    /** Runs until {@code exit}, the end of {@code input}, or the server closing the session. */
    public void run(BufferedReader input) throws Exception {
        WebSocketClient client = new WebSocketClient();
        client.start();
        try {
            Printer printer = new Printer(out);
            Session session = connect(client, printer);
            out.println("connected to " + uri + "; type a message, or " + EXIT + " to quit");
            // Typing happens on its own thread: when the server closes the session (idle timeout,
            // shutdown) the console ends at once instead of waiting for the next line.
            Thread keyboard = new Thread(() -> sendTypedLines(input, session), "console-keyboard");
            keyboard.setDaemon(true);
            keyboard.start();
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

    private Session connect(WebSocketClient client, Printer printer) throws Exception {
        try {
            return client.connect(printer, uri).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IOException("cannot connect to " + uri + ": " + why(e.getCause()), e);
        }
    }

    /** Why a connect failed. A refusal is told by its status code: its reason phrase is the server's text. */
    private static String why(Throwable failure) {
        return failure instanceof UpgradeException refused
                ? "the server answered HTTP " + refused.getResponseStatusCode() + " instead of switching to WebSocket"
                : WireText.printable(String.valueOf(failure.getMessage()));
    }

    /** Prints what the server sends, and remembers that the session closed (public: Jetty calls it by reflection). */
    public static final class Printer implements Session.Listener.AutoDemanding {

        private final PrintStream out;
        private final CountDownLatch closed = new CountDownLatch(1);

        Printer(PrintStream out) {
            this.out = out;
        }

        /** The echo is the conversation itself: printed whole, but escaped, as a server may send anything. */
        @Override
        public void onWebSocketText(String message) {
            out.println("echo: " + WireText.escaped(message));
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
