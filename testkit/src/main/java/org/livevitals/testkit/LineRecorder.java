package org.livevitals.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * A test device for the step-01 line protocol: it sends raw lines and records every reply.
 *
 * <p>A reader thread turns what the server writes into events ({@link Line}, then {@link Closed}
 * at end of stream or {@link Failed} on a reset) in one {@link EventLog}; the test sends on its
 * own thread and asserts in order. {@link #sendBytes} writes exactly the bytes it is given, so a
 * test can split a line across TCP writes or put two lines in one write.
 */
public final class LineRecorder implements AutoCloseable {

    /** What the recorder can see on a line-protocol connection. */
    public sealed interface Event permits Line, Closed, Failed {}

    /** One line from the server, without its newline. */
    public record Line(String text) implements Event {
        @Override
        public String toString() {
            return "line '" + text + "'";
        }
    }

    /** The server closed the connection (end of stream). */
    public record Closed() implements Event {
        @Override
        public String toString() {
            return "end of stream";
        }
    }

    /** Reading failed, e.g. the connection was reset. */
    public record Failed(String error) implements Event {
        @Override
        public String toString() {
            return "read failure (" + error + ")";
        }
    }

    private final Socket socket;
    private final OutputStream out;
    private final EventLog<Event> events = new EventLog<>();
    private final Thread reader;

    private LineRecorder(Socket socket) throws IOException {
        this.socket = socket;
        this.out = socket.getOutputStream();
        this.reader = new Thread(this::readUntilClosed, "line-recorder-" + socket.getLocalPort());
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Connects to a line-protocol server on this machine. */
    public static LineRecorder connect(int port) {
        try {
            Socket socket = new Socket();
            socket.setTcpNoDelay(true); // each write leaves as its own segment: splits stay split
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
            return new LineRecorder(socket);
        } catch (IOException e) {
            throw new UncheckedIOException("could not connect to 127.0.0.1:" + port, e);
        }
    }

    private void readUntilClosed() {
        try (BufferedReader in = new BufferedReader(
                new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                events.add(new Line(line));
            }
            events.add(new Closed());
        } catch (IOException e) {
            events.add(socket.isClosed() ? new Closed() : new Failed(e.getMessage()));
        }
    }

    /** Sends one line; the recorder adds the {@code \n}. */
    public LineRecorder send(String line) {
        return sendBytes((line + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** Writes exactly these bytes in one write call, newline or not. */
    public LineRecorder sendBytes(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("send failed", e);
        }
    }

    /** Awaits the next reply and checks it is exactly {@code expected}. */
    public void assertLine(String expected) {
        Line line = events.next(Line.class, "line '" + expected + "'");
        if (!line.text().equals(expected)) {
            throw new AssertionError("Awaited line '" + expected + "' but " + line + " arrived instead");
        }
    }

    /** Awaits the next reply, checks how it starts, and returns it whole. */
    public String assertLineStartingWith(String prefix) {
        Line line = events.next(Line.class, "a line starting with '" + prefix + "'");
        if (!line.text().startsWith(prefix)) {
            throw new AssertionError("Awaited a line starting with '" + prefix + "' but " + line
                    + " arrived instead");
        }
        return line.text();
    }

    /** Awaits the server closing the connection (end of stream or reset). */
    public void assertClosedByServer() {
        Event event = events.next("the server to close the connection");
        if (event instanceof Line) {
            throw new AssertionError("Awaited the server to close the connection but " + event
                    + " arrived instead");
        }
    }

    /** Fails if a reply arrived that the test did not check. */
    public void assertExhausted() {
        events.assertExhausted();
    }

    @Override
    public void close() {
        try {
            socket.close();
            reader.join(5_000);
        } catch (IOException ignored) {
            // closing a socket that is already gone is fine
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
