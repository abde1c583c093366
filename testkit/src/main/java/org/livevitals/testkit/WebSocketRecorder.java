package org.livevitals.testkit;

import java.nio.ByteBuffer;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;

/**
 * A WebSocket test client listener that records every event in one ordered queue.
 *
 * <p>Modelled on OkHttp's {@code WebSocketRecorder}: pass it to Jetty's {@code WebSocketClient},
 * then assert what happened in order ({@link #assertOpen()}, {@link #assertTextMessage(String)},
 * {@link #assertClosed(int)}) and finish with {@link #assertExhausted()}. Asserting on the test
 * thread, not in Jetty's callbacks, means a failure fails the test instead of vanishing in a log.
 */
public final class WebSocketRecorder implements Session.Listener.AutoDemanding {

    /** What a WebSocket client can see. */
    public sealed interface Event permits Open, Text, Binary, Closed, Failed {}

    public record Open(Session session) implements Event {
        @Override
        public String toString() {
            return "open";
        }
    }

    public record Text(String text) implements Event {
        @Override
        public String toString() {
            return "text message '" + text + "'";
        }
    }

    public record Binary(int length) implements Event {
        @Override
        public String toString() {
            return "binary message of " + length + " bytes";
        }
    }

    public record Closed(int code, String reason) implements Event {
        @Override
        public String toString() {
            return "close " + code + " '" + reason + "'";
        }
    }

    public record Failed(Throwable error) implements Event {
        @Override
        public String toString() {
            return "error " + error;
        }
    }

    private final EventLog<Event> events = new EventLog<>();
    private volatile Session session;

    @Override
    public void onWebSocketOpen(Session session) {
        this.session = session;
        events.add(new Open(session));
    }

    @Override
    public void onWebSocketText(String message) {
        events.add(new Text(message));
    }

    @Override
    public void onWebSocketBinary(ByteBuffer payload, Callback callback) {
        events.add(new Binary(payload.remaining()));
        callback.succeed();
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        events.add(new Closed(statusCode, reason));
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        events.add(new Failed(cause));
    }

    /** The session, once open; use it to send. */
    public Session session() {
        return session;
    }

    public Session assertOpen() {
        return events.next(Open.class, "the connection to open").session();
    }

    public void assertTextMessage(String expected) {
        Text text = events.next(Text.class, "text message '" + expected + "'");
        if (!text.text().equals(expected)) {
            throw new AssertionError("Awaited text message '" + expected + "' but " + text
                    + " arrived instead");
        }
    }

    /** Awaits the next text message, whatever it says. */
    public String nextText() {
        return events.next(Text.class, "a text message").text();
    }

    public Closed assertClosed(int expectedCode) {
        Closed closed = events.next(Closed.class, "close " + expectedCode);
        if (closed.code() != expectedCode) {
            throw new AssertionError("Awaited close " + expectedCode + " but " + closed
                    + " arrived instead");
        }
        return closed;
    }

    public void assertExhausted() {
        events.assertExhausted();
    }
}
