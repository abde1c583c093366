package org.livevitals.testkit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Predicate;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;

/**
 * A WebSocket test client listener that records every event in one ordered queue.
 *
 * <p>Modelled on OkHttp's {@code WebSocketRecorder}: pass it to Jetty's {@code WebSocketClient},
 * then assert what happened in order ({@link #assertOpen()}, {@link #assertTextMessage(String)},
 * {@link #assertClosed(int)}) and finish with {@link #assertExhausted()}. Asserting on the test
 * thread, not in Jetty's callbacks, means a failure fails the test instead of vanishing in a log.
 *
 * <p>A server that refuses the upgrade (Lab 5's 401 and 403) is an event too,
 * {@link #assertFailure(int)}: Jetty fails the future {@code connect} returns and also hands the
 * same {@link UpgradeException} to the listener's {@code onWebSocketError}, which the recorder
 * turns into {@link UpgradeRefused}. A test that expects a refusal can therefore ignore the
 * future; waiting on it throws the {@code ExecutionException} first.
 *
 * <p>Every recorder has a name, and every failure message starts with it ({@code [dashboard-3]
 * Awaited text message ... but close 1006 ... arrived instead}), so a test with ten clients says
 * which one saw the wrong thing.
 */
public final class WebSocketRecorder implements Session.Listener.AutoDemanding {

    /** What a WebSocket client can see. */
    public sealed interface Event permits Open, UpgradeRefused, Text, Binary, Ping, Pong, Closed, Failed {}

    public record Open(Session session) implements Event {
        @Override
        public String toString() {
            return "open";
        }
    }

    /** The server answered the upgrade request with this HTTP status instead of 101 Switching Protocols. */
    public record UpgradeRefused(int status, UpgradeException error) implements Event {
        @Override
        public String toString() {
            return "upgrade refused with HTTP " + status;
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

    /** A ping from the server, its payload read as UTF-8; the recorder has answered it with a pong. */
    public record Ping(String payload) implements Event {
        @Override
        public String toString() {
            return "ping '" + payload + "'";
        }
    }

    /** A pong from the server, its payload read as UTF-8: the answer to a ping, or a heartbeat of its own. */
    public record Pong(String payload) implements Event {
        @Override
        public String toString() {
            return "pong '" + payload + "'";
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

    private final String name;
    private final EventLog<Event> events;
    private volatile Session session;

    /** A recorder called {@code name} in its failure messages, e.g. {@code "dashboard-3"}. */
    public WebSocketRecorder(String name) {
        this.name = name;
        this.events = new EventLog<>(name, EventLog.DEFAULT_TIMEOUT);
    }

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

    /**
     * Records the ping and answers it as Jetty would have: a listener that overrides this method
     * takes over Jetty's automatic pong, and a server's heartbeat must still get its answer.
     */
    @Override
    public void onWebSocketPing(ByteBuffer payload) {
        events.add(new Ping(utf8(payload)));
        session.sendPong(payload, Callback.NOOP); // a failure means the connection is going anyway
    }

    @Override
    public void onWebSocketPong(ByteBuffer payload) {
        events.add(new Pong(utf8(payload)));
    }

    private static String utf8(ByteBuffer payload) {
        return StandardCharsets.UTF_8.decode(payload.slice()).toString();
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        events.add(new Closed(statusCode, reason));
    }

    @Override
    public void onWebSocketError(Throwable cause) {
        // A final HTTP response (200 and up) other than 101 is a refusal; anything else that goes
        // wrong, a bad 101 or a connection refused included, stays an error.
        if (cause instanceof UpgradeException refused && refused.getResponseStatusCode() >= 200) {
            events.add(new UpgradeRefused(refused.getResponseStatusCode(), refused));
        } else {
            events.add(new Failed(cause));
        }
    }

    /** The session, once open; use it to send. */
    public Session session() {
        return session;
    }

    public Session assertOpen() {
        return next(Open.class, "the connection to open", open -> true).session();
    }

    /** Awaits the server refusing the upgrade with {@code expectedStatus}, e.g. 401 without a token. */
    public UpgradeRefused assertFailure(int expectedStatus) {
        return next(UpgradeRefused.class, "the upgrade to be refused with HTTP " + expectedStatus,
                refused -> refused.status() == expectedStatus);
    }

    public void assertTextMessage(String expected) {
        next(Text.class, "text message '" + expected + "'", text -> text.text().equals(expected));
    }

    /** Awaits the next text message, whatever it says. */
    public String nextText() {
        return next(Text.class, "a text message", text -> true).text();
    }

    /** Awaits the next event, whatever it is: for a test that reacts to what comes (a reply, or the close). */
    public Event nextEvent() {
        return events.next("any event");
    }

    /** Awaits the next text message, skipping the pings before it (a server that pings while a test reads). */
    public String nextTextAfterPings() {
        while (true) {
            Event event = events.next("a text message (after any pings)");
            if (event instanceof Text text) {
                return text.text();
            }
            if (!(event instanceof Ping)) {
                throw new AssertionError(name + ": expected a text message (after any pings) but got " + event);
            }
        }
    }

    /** Awaits the next ping, whatever its payload, and returns the payload. */
    public String assertPing() {
        return next(Ping.class, "a ping", ping -> true).payload();
    }

    public void assertPing(String expectedPayload) {
        next(Ping.class, "ping '" + expectedPayload + "'", ping -> ping.payload().equals(expectedPayload));
    }

    /** Awaits the next pong, whatever its payload, and returns the payload. */
    public String assertPong() {
        return next(Pong.class, "a pong", pong -> true).payload();
    }

    public void assertPong(String expectedPayload) {
        next(Pong.class, "pong '" + expectedPayload + "'", pong -> pong.payload().equals(expectedPayload));
    }

    public Closed assertClosed(int expectedCode) {
        return next(Closed.class, "close " + expectedCode, closed -> closed.code() == expectedCode);
    }

    /**
     * Awaits the close, skipping the text messages that come before it (a client that was sent
     * many replies before it was cut off); returns the close and counts the texts skipped.
     */
    public Closed assertClosedAfterTexts(int expectedCode) {
        while (true) {
            Event event = events.next("close " + expectedCode + " (after any text messages)");
            if (event instanceof Closed closed) {
                if (closed.code() != expectedCode) {
                    throw new AssertionError(name + ": expected close " + expectedCode + " but got " + closed);
                }
                return closed;
            }
            if (!(event instanceof Text)) {
                throw new AssertionError(name + ": expected text messages then close " + expectedCode + " but got " + event);
            }
        }
    }

    public void assertExhausted() {
        events.assertExhausted();
    }

    /** The name failure messages start with. */
    @Override
    public String toString() {
        return name;
    }

    private <T extends Event> T next(Class<T> type, String awaited, Predicate<T> matches) {
        return events.next(type, awaited, matches);
    }
}
