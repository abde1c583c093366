package org.livevitals.rawsockets;

import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves one device for as long as it stays connected: one frame in, one reply out.
 *
 * <p>It runs on its own thread from the server's pool, so a slow device only ever blocks itself.
 * A bad line costs the device an {@code ERR} reply, never its connection: the loop goes on to
 * the next line.
 *
 * <p>From Lab 5 the connection also carries commands the other way ({@link DeviceRegistry}):
 * {@code CMD} lines go out from another thread, and the device's {@code DONE}/{@code FAIL}
 * answers come in among its readings. Two threads then write to one socket, so every line goes
 * out through {@link #writeLine} and its one lock: a reply and a command never mix their bytes.
 */
final class DeviceConnection implements Runnable {

    private static final Logger log = LoggerFactory.getLogger(DeviceConnection.class);
    static final String SERVER_ERROR = "server error: the reading could not be passed on, send it again";
    /**
     * A device may send a bad line at every line it sends, as fast as the network allows, so the log
     * keeps the first {@value #LOGGED_BAD_LINES} of a connection's reasons (enough to see what is wrong
     * with it) and then only the count, at 100, 1,000, 10,000 and so on: never a line of log per line.
     */
    static final int LOGGED_BAD_LINES = 10;

    private final Socket socket;
    private final String device;
    private final ServerLimits limits;
    private final ReadingListener listener;
    private final ServerStats stats;
    private final VitalsLineCodec codec = new VitalsLineCodec();
    private final Clock clock;
    private final DeviceRegistry devices;
    /** Guards the socket's output: the device's thread writes replies, the command thread writes commands. */
    private final Object writeLock = new Object();
    /** Bad lines so far on this connection; only the reading thread touches it. */
    private long badLines;
    /**
     * Writes this device's commands, one thread at most, started by the first command. Never the
     * caller's thread: a device that stops reading blocks a write until the watchdog hangs up,
     * and that must hold up neither a dashboard nor the commands to other devices.
     */
    private final ThreadPoolExecutor commandWriter;
    /** When the last complete frame arrived (or the connection opened), for the server's watchdog. */
    private volatile long lastFrameNanos = System.nanoTime();

    DeviceConnection(Socket socket, ServerLimits limits, ReadingListener listener, ServerStats stats, Clock clock,
            DeviceRegistry devices) {
        this.socket = socket;
        this.device = VitalsServer.remoteAddress(socket);
        this.limits = limits;
        // once the server has taken a reading, this connection is the way back to its patient
        this.listener = reading -> {
            listener.onReading(reading);
            devices.routeTo(reading.patientId(), this);
        };
        this.stats = stats;
        this.clock = clock;
        this.devices = devices;
        this.commandWriter = new ThreadPoolExecutor(0, 1, 30, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(DeviceRegistry.MAX_PENDING_PER_DEVICE), runnable -> {
                    Thread thread = new Thread(runnable, "device-" + device + "-commands");
                    thread.setDaemon(true);
                    return thread;
                });
    }

    @Override
    public void run() {
        try (socket) {
            serveUntilIdle();
        } catch (IOException e) {
            log.info("connection to device {} ended: {}", device, e.getMessage());
        } catch (RuntimeException e) {
            log.error("device {} handler failed", device, e);
        } finally {
            commandWriter.shutdownNow(); // the socket is closed: a command stuck writing fails out
            devices.closed(this);
        }
    }

    /** The device's address, for log lines. */
    String device() {
        return device;
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
            writeLine(reply);
        } catch (IOException e) {
            log.debug("could not tell device {} why", device, e);
        }
    }

    private void serve() throws IOException {
        // Exercise 3 starts here (scenarios L1-02 L1-07)
        LineFramer framer = new LineFramer(socket.getInputStream(), limits.maxLineBytes(), stats::bytesRead);
        Frame frame = framer.next();
        while (!(frame instanceof Frame.End)) {
            Optional<String> reply = replyTo(frame);
            if (reply.isPresent()) {
                writeLine(reply.get());
            }
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

    /**
     * Writes one line to the device, whole: the device's thread (replies) and the command thread
     * (commands) both write, and the lock keeps their lines apart.
     */
    private void writeLine(String line) throws IOException {
        byte[] bytes = (line + "\n").getBytes(StandardCharsets.UTF_8);
        synchronized (writeLock) {
            OutputStream out = socket.getOutputStream();
            out.write(bytes);
            out.flush();
        }
    }

    /**
     * Writes a {@code CMD} line on the command thread; {@code onFailure} is told why when it cannot
     * be written (the registry then fails that command).
     */
    void sendCommand(String line, Consumer<String> onFailure) {
        try {
            commandWriter.execute(() -> {
                try {
                    writeLine(line);
                } catch (IOException e) {
                    log.info("could not send a command to device {}: {}", device, e.getMessage());
                    onFailure.accept(DeviceRegistry.DISCONNECTED);
                }
            });
        } catch (RejectedExecutionException e) { // closed, or commands queued behind a device that stopped reading
            onFailure.accept(DeviceRegistry.DISCONNECTED);
        }
    }

    /**
     * The reply to one frame: for a device's answer to a command, nothing when it matched a pending
     * command and {@code ERR} when it did not; for anything else, the reading's reply.
     */
    private Optional<String> replyTo(Frame frame) {
        lastFrameNanos = System.nanoTime();
        if (frame instanceof Frame.Line line && DeviceRegistry.isAnswer(line.text())) {
            return devices.answer(this, line.text()).map(this::reject);
        }
        return Optional.of(replyToReading(frame));
    }

    /** The protocol's rule for a reading's reply: {@code OK <patient>} or {@code ERR <reason>}. */
    private String replyToReading(Frame frame) {
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
        badLines++;
        if (badLines <= LOGGED_BAD_LINES) {
            log.info("device {} sent a bad line: {}", device, reason);
        } else if (isPowerOfTen(badLines)) {
            log.info("device {} has sent {} bad lines; the first {} are logged, the device is told why each time",
                    device, badLines, LOGGED_BAD_LINES);
        }
        return "ERR " + reason;
    }

    private static boolean isPowerOfTen(long n) {
        while (n % 10 == 0) {
            n /= 10;
        }
        return n == 1;
    }
}
