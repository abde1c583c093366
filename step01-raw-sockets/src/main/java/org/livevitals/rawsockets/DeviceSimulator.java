package org.livevitals.rawsockets;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated bedside device: sends one patient's vitals at a fixed rate and reconnects on its own
 * when the server goes away.
 *
 * <p>With raw sockets nothing reconnects for you. When a write fails or the server hangs up, the
 * device waits {@code reconnectDelay} (so a restarting server is not hammered) and dials again,
 * for as long as it runs. Every line gets a reply, and the device reads it before sending the
 * next, so it can see {@code ERR} answers and count acknowledgements. A reply that does not come
 * within the reply timeout counts as a dead connection too.
 */
public final class DeviceSimulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeviceSimulator.class);
    private static final int CONNECT_TIMEOUT_MILLIS = 2_000;
    /**
     * How long the device waits for the server's reply to a line. A server that accepted the
     * connection but hung, or a network path that died without a reset (a half-open connection),
     * sends nothing at all, ever: without a limit the device would wait for good instead of
     * reconnecting.
     */
    public static final Duration DEFAULT_REPLY_TIMEOUT = Duration.ofSeconds(5);

    private final String host;
    private final int port;
    private final VitalsGenerator vitals;
    private final Duration interval;
    private final Duration reconnectDelay;
    private final Duration replyTimeout;
    private final VitalsLineCodec codec = new VitalsLineCodec();
    private final AtomicLong acknowledged = new AtomicLong();
    private final AtomicLong connections = new AtomicLong();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Socket socket;

    public DeviceSimulator(String host, int port, VitalsGenerator vitals, Duration interval, Duration reconnectDelay) {
        this(host, port, vitals, interval, reconnectDelay, DEFAULT_REPLY_TIMEOUT);
    }

    public DeviceSimulator(String host, int port, VitalsGenerator vitals, Duration interval, Duration reconnectDelay,
            Duration replyTimeout) {
        this.host = Objects.requireNonNull(host, "host");
        this.port = ArgumentChecks.port(port, "the server port");
        this.vitals = vitals;
        this.interval = ArgumentChecks.atLeastOneMilli(interval, "the interval between readings");
        this.reconnectDelay = ArgumentChecks.atLeastOneMilli(reconnectDelay, "the reconnect delay");
        SocketTimeouts.millis(replyTimeout, "the reply timeout");
        this.replyTimeout = replyTimeout;
        this.thread = new Thread(this::runUntilClosed, "device-" + vitals.patientId());
    }

    public DeviceSimulator start() {
        thread.start();
        return this;
    }

    /** Readings the server answered with {@code OK}. */
    public long acknowledged() {
        return acknowledged.get();
    }

    /** Successful connections so far: more than one means the device reconnected. */
    public long connections() {
        return connections.get();
    }

    private void runUntilClosed() {
        while (running) {
            try (Socket connected = connect()) {
                sendReadings(connected);
            } catch (IOException e) {
                if (running) {
                    log.warn("{}: server {}:{} unavailable ({}); retrying in {} ms",
                            vitals.patientId(), host, port, e.getMessage(), reconnectDelay.toMillis());
                }
            }
            if (running) {
                pause(reconnectDelay);
            }
        }
    }

    private Socket connect() throws IOException {
        Socket connected = new Socket();
        socket = connected;
        connected.connect(new InetSocketAddress(host, port), CONNECT_TIMEOUT_MILLIS);
        connected.setSoTimeout(SocketTimeouts.millis(replyTimeout, "the reply timeout")); // readLine() waits no longer
        connected.setKeepAlive(true);
        connections.incrementAndGet();
        log.info("{}: connected to {}:{}", vitals.patientId(), host, port);
        return connected;
    }

    private void sendReadings(Socket connected) throws IOException {
        OutputStream out = connected.getOutputStream();
        BufferedReader replies = new BufferedReader(new InputStreamReader(connected.getInputStream(), StandardCharsets.UTF_8));
        while (running) {
            String line = codec.encode(vitals.next());
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            String reply = replies.readLine();
            if (reply == null) {
                throw new IOException("server closed the connection");
            }
            String heard = WireText.escaped(reply); // the server's words: escaped before they reach the log
            if (reply.startsWith("OK")) {
                acknowledged.incrementAndGet();
                log.info("{} -> {}  <- {}", vitals.patientId(), line, heard);
            } else {
                log.warn("{} -> {}  <- {}", vitals.patientId(), line, heard);
            }
            pause(interval);
        }
    }

    private void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis()); // the device's own pace, not a test waiting
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** Stops sending, hangs up, and waits for the device thread to end. */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        Socket current = socket;
        if (current != null) {
            try {
                current.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
