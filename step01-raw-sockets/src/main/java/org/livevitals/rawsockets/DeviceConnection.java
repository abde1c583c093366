package org.livevitals.rawsockets;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one device for as long as it stays connected: one frame in, one reply out.
 *
 * <p>It runs on its own thread from the server's pool, so a slow device only ever blocks itself.
 * A bad line costs the device an {@code ERR} reply, never its connection: the loop goes on to
 * the next line.
 */
final class DeviceConnection implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(DeviceConnection.class);
    static final String SERVER_ERROR = "server error: the reading could not be passed on, send it again";

    private final Socket socket;
    private final String device;
    private final ServerLimits limits;
    private final ReadingListener listener;
    private final ServerStats stats;
    private final VitalsLineCodec codec = new VitalsLineCodec();
    private final Clock clock;
    /** When the last complete frame arrived (or the connection opened), for the server's watchdog. */
    private volatile long lastFrameNanos = System.nanoTime();

    DeviceConnection(Socket socket, ServerLimits limits, ReadingListener listener, ServerStats stats, Clock clock) {
        this.socket = socket;
        this.device = VitalsServer.remoteAddress(socket);
        this.limits = limits;
        this.listener = listener;
        this.stats = stats;
        this.clock = clock;
    }

    @Override
    public void run() {
        try (socket) {
            serveUntilIdle();
        } catch (IOException e) {
            log.info("connection to device {} ended: {}", device, e.getMessage());
        } catch (RuntimeException e) {
            log.error("device {} handler failed", device, e);
        }
    }

    /** A device silent past the idle timeout is told why before the server hangs up, as a refused one is. */
    private void serveUntilIdle() throws IOException {
        try {
            serve();
        } catch (SocketTimeoutException e) { // no byte for limits.idleTimeout(): the socket is still open here
            sayGoodbye("ERR idle for " + limits.idleTimeoutText() + ": closing the connection");
        }
    }

    private void sayGoodbye(String reply) {
        log.info("device {} disconnected: {}", device, reply);
        try {
            socket.getOutputStream().write((reply + "\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            log.debug("could not tell device {} why", device, e);
        }
    }

    private void serve() throws IOException {
        // Exercise 3 starts here (scenarios L1-02 L1-07)
        LineFramer framer = new LineFramer(socket.getInputStream(), limits.maxLineBytes(), stats::bytesRead);
        Writer out = new BufferedWriter(new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8));
        Frame frame = framer.next();
        while (!(frame instanceof Frame.End)) {
            out.write(replyTo(frame) + "\n");
            out.flush();
            frame = framer.next();
        }
        int dangling = ((Frame.End) frame).danglingBytes();
        if (dangling > 0) {
            log.info("device {} hung up in the middle of a line ({} bytes dropped)", device, dangling);
        }
        // Exercise 3 ends here
    }

    /** How long since the device last finished a line: the server disconnects one stalled too long. */
    Duration silentFor() {
        return Duration.ofNanos(System.nanoTime() - lastFrameNanos);
    }

    /** The protocol's only rule for replies: {@code OK <patient>} or {@code ERR <reason>}. */
    private String replyTo(Frame frame) {
        lastFrameNanos = System.nanoTime();
        if (frame instanceof Frame.TooLong tooLong) {
            return reject("line longer than " + tooLong.limitBytes() + " bytes");
        }
        if (frame instanceof Frame.NotUtf8) {
            return reject("line is not valid UTF-8");
        }
        String text = ((Frame.Line) frame).text();
        VitalSigns reading;
        try {
            reading = codec.decode(text, clock.instant());
        } catch (InvalidLineException e) {
            return reject(e.getMessage());
        }
        try {
            listener.onReading(reading);
        } catch (RuntimeException e) {
            // The server's fault, not the device's: say so, and keep the connection for the next line.
            log.error("reading from device {} could not be handed on", device, e);
            return "ERR " + SERVER_ERROR;
        }
        stats.readingAccepted();
        return "OK " + reading.patientId();
    }

    private String reject(String reason) {
        stats.lineRejected();
        log.info("device {} sent a bad line: {}", device, reason);
        return "ERR " + reason;
    }
}
