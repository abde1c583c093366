package org.livevitals.rawsockets;

import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ServerSocketFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bedside-device server: a {@link ServerSocket}, one thread per connected device, and the
 * line protocol of {@link VitalsLineCodec}.
 *
 * <p>Everything a framework would do for us is done here by hand and kept visible: accepting
 * connections, bounding how many are served at once (a fixed pool plus a semaphore, so a flood
 * of devices is refused clearly instead of queueing forever), and shutting down so that no
 * socket and no thread is left behind.
 *
 * <pre>{@code
 * try (VitalsServer server = new VitalsServer(0, ServerLimits.DEFAULTS, new ReadingLogger(), Clock.systemUTC()).start()) {
 *     int port = server.port(); // the real port when 0 asked for any free one
 * }
 * }</pre>
 */
public final class VitalsServer implements AutoCloseable {

    public static final int DEFAULT_PORT = 5050;
    /**
     * How long the accept loop pauses after accept itself fails (most often "too many open files")
     * before it tries again: the failure usually passes as connections close, and retrying at
     * once would only spin and fill the log. Netty's acceptor pauses for a second too.
     */
    public static final Duration ACCEPT_RETRY_DELAY = Duration.ofSeconds(1);
    /** How often the watchdog looks for stalled connections (more often for a short idle timeout). */
    static final Duration MAX_WATCHDOG_PERIOD = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(VitalsServer.class);

    private final int requestedPort;
    private final ServerLimits limits;
    private final ReadingListener listener;
    private final Clock clock;
    private final ServerSocketFactory serverSockets;
    private final ServerStats stats = new ServerStats();
    private final DeviceRegistry devices = new DeviceRegistry();
    private final Semaphore freeSlots;
    private ExecutorService devicePool;
    private final Map<Socket, DeviceConnection> connections = new ConcurrentHashMap<>();
    private ScheduledExecutorService watchdog;
    private ServerSocket serverSocket;
    private Thread acceptThread;
    private volatile boolean stopping;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch stopped = new CountDownLatch(1);

    public VitalsServer(int port, ServerLimits limits, ReadingListener listener, Clock clock) {
        this(port, limits, listener, clock, ServerSocketFactory.getDefault());
    }

    /** @param serverSockets makes the listening socket; a test passes one whose {@code accept} fails */
    VitalsServer(int port, ServerLimits limits, ReadingListener listener, Clock clock, ServerSocketFactory serverSockets) {
        this.requestedPort = ArgumentChecks.port(port, "the port");
        this.limits = limits;
        this.listener = listener;
        this.clock = clock;
        this.serverSockets = serverSockets;
        this.freeSlots = new Semaphore(limits.maxDevices());
    }

    /**
     * Binds the port and starts accepting devices.
     *
     * @throws PortInUseException when another program holds the port
     */
    public VitalsServer start() throws IOException {
        serverSocket = listen();
        // a bounded pool: never more device threads than slots; names carry the port for thread dumps
        devicePool = Executors.newFixedThreadPool(limits.maxDevices(), namedThreads("vitals-" + port() + "-device-"));
        acceptThread = new Thread(this::acceptDevices, "vitals-" + port() + "-accept");
        acceptThread.start();
        watchdog = Executors.newSingleThreadScheduledExecutor(namedThreads("vitals-" + port() + "-watchdog-"));
        long period = watchdogPeriod().toMillis();
        watchdog.scheduleAtFixedRate(this::disconnectStalledDevices, period, period, TimeUnit.MILLISECONDS);
        log.info("vitals server listening on port {} (up to {}, lines up to {} bytes, idle timeout {})",
                port(), Plural.of(limits.maxDevices(), "device"), limits.maxLineBytes(), limits.idleTimeoutText());
        return this;
    }

    /** The bound listening socket; a socket that could not bind is closed again, not left open. */
    private ServerSocket listen() throws IOException {
        ServerSocket socket = serverSockets.createServerSocket();
        try {
            socket.setReuseAddress(true); // a restarted server can take its port back at once
            socket.bind(new InetSocketAddress(requestedPort));
            return socket;
        } catch (IOException e) {
            closeQuietly(socket);
            throw e instanceof BindException ? new PortInUseException(requestedPort, e) : e;
        }
    }

    /** The port actually bound, useful when 0 asked for any free port. */
    public int port() {
        return serverSocket.getLocalPort();
    }

    public ServerStats stats() {
        return stats;
    }

    /** Commands back to the connected devices (Lab 5): {@code CMD} lines on the connections readings came in on. */
    public DeviceRegistry devices() {
        return devices;
    }

    /** The accept loop: one failure, of accept itself or with one device, never ends it. */
    private void acceptDevices() {
        while (!stopping) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException | RuntimeException e) {
                if (!stopping) {
                    stats.acceptFailed();
                    log.warn("accept failed ({}); trying again in {} ms", e.getMessage(), ACCEPT_RETRY_DELAY.toMillis());
                    pauseBeforeRetry();
                }
                continue;
            }
            if (freeSlots.tryAcquire()) {
                serve(socket);
            } else {
                refuse(socket);
            }
        }
    }

    /**
     * A device's read waits at most the idle timeout, so a connection that has not finished a
     * line for twice that long is not waiting to read: it is stuck writing a reply the device
     * does not read, or the device trickles a byte now and then and never ends its line. Either
     * way it holds a slot for nothing, and no timeout of the socket's own covers it.
     */
    private void disconnectStalledDevices() {
        Duration deadline = limits.idleTimeout().multipliedBy(2);
        connections.forEach((socket, connection) -> {
            if (connection.silentFor().compareTo(deadline) > 0) {
                log.info("device {} disconnected: no complete line for over {} ms (not reading its replies, or trickling)",
                        remoteAddress(socket), deadline.toMillis());
                closeQuietly(socket); // the device's thread fails out of its write or read and releases the slot
            }
        });
    }

    private Duration watchdogPeriod() {
        Duration half = limits.idleTimeout().dividedBy(2);
        return half.compareTo(MAX_WATCHDOG_PERIOD) < 0 ? half.plusMillis(1) : MAX_WATCHDOG_PERIOD;
    }

    private void pauseBeforeRetry() {
        try {
            stopped.await(ACCEPT_RETRY_DELAY.toMillis(), TimeUnit.MILLISECONDS); // ends early on close()
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    /** Hands the device to a thread of its own; whatever fails on the way, its slot comes back. */
    private void serve(Socket socket) {
        int open = stats.connectionOpened();
        try {
            socket.setSoTimeout(SocketTimeouts.millis(limits.idleTimeout(), "the idle timeout")); // a read waits no longer than this
            socket.setKeepAlive(true); // the OS's own probe of a peer silent for hours: a backstop, not the timeout
            log.info("device {} connected ({}/{})", remoteAddress(socket), open, limits.maxDevices());
            DeviceConnection connection = new DeviceConnection(socket, limits, listener, stats, clock, devices);
            connections.put(socket, connection);
            devicePool.execute(() -> {
                try {
                    connection.run();
                } finally {
                    release(socket);
                }
            });
        } catch (IOException | RuntimeException | Error e) { // an Error too: e.g. no memory for one more thread
            log.error("could not serve a new device; closing its connection", e);
            closeQuietly(socket);
            release(socket);
        }
    }

    private void release(Socket socket) {
        connections.remove(socket);
        freeSlots.release(); // before the count drops, so "0 open" always means "a slot is free"
        int stillOpen = stats.connectionClosed();
        log.info("device {} disconnected ({}/{})", remoteAddress(socket), stillOpen, limits.maxDevices());
    }

    /** The peer's address for a log line; never throws, whatever state the socket is in. */
    static String remoteAddress(Socket socket) {
        try {
            return String.valueOf(socket.getRemoteSocketAddress());
        } catch (RuntimeException e) {
            return "(unknown address)";
        }
    }

    /** Says why, then hangs up: a device that is told "full" can retry later instead of hanging. */
    private void refuse(Socket socket) {
        stats.deviceRefused();
        log.warn("device {} refused: the server is full ({} connected)", remoteAddress(socket),
                Plural.of(limits.maxDevices(), "device"));
        try (socket; OutputStream out = socket.getOutputStream()) {
            out.write(("ERR server full: " + Plural.of(limits.maxDevices(), "device") + " connected, try again later\n")
                    .getBytes(StandardCharsets.UTF_8));
        } catch (IOException | RuntimeException e) {
            log.debug("could not tell the refused device why", e);
        }
    }

    /** Stops accepting, closes every device connection and waits for every device thread to end. */
    @Override
    public void close() {
        if (serverSocket == null || !closed.compareAndSet(false, true)) {
            return; // never listened (start failed or never called), or closed already
        }
        devices.close(); // first: pending commands fail "server stopped", and no disconnect is reported for the shutdown
        stopping = true;
        stopped.countDown();
        closeQuietly(serverSocket); // accept() throws, and the accept thread ends
        try {
            if (acceptThread != null) {
                acceptThread.join(TimeUnit.SECONDS.toMillis(5)); // after this, no new device can arrive
            }
            if (watchdog != null) {
                watchdog.shutdownNow();
            }
            connections.keySet().forEach(VitalsServer::closeQuietly); // unblocks each device thread's read
            if (devicePool != null) {
                devicePool.shutdown();
                if (!devicePool.awaitTermination(5, TimeUnit.SECONDS)) {
                    log.warn("some device threads did not stop within 5 s");
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        log.info("vitals server stopped");
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (SocketException ignored) {
            // already closed by the other side
        } catch (Exception e) {
            log.debug("close failed", e);
        }
    }

    private static ThreadFactory namedThreads(String prefix) {
        AtomicInteger next = new AtomicInteger(1);
        return runnable -> new Thread(runnable, prefix + next.getAndIncrement());
    }
}
