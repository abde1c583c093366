package org.livevitals.rawsockets;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * try (VitalsServer server = VitalsServer.newServer(0).start()) {
 *     int port = server.port(); // the real port when 0 asked for any free one
 * }
 * }</pre>
 */
public final class VitalsServer implements AutoCloseable {

    public static final int DEFAULT_PORT = 5050;

    private static final Logger log = LoggerFactory.getLogger(VitalsServer.class);

    private final int requestedPort;
    private final ServerLimits limits;
    private final ReadingListener listener;
    private final Clock clock;
    private final ServerStats stats = new ServerStats();
    private final Semaphore freeSlots;
    private ExecutorService devicePool;
    private final Set<Socket> deviceSockets = ConcurrentHashMap.newKeySet();
    private ServerSocket serverSocket;
    private Thread acceptThread;
    private volatile boolean stopping;

    public VitalsServer(int port, ServerLimits limits, ReadingListener listener, Clock clock) {
        this.requestedPort = port;
        this.limits = limits;
        this.listener = listener;
        this.clock = clock;
        this.freeSlots = new Semaphore(limits.maxDevices());
    }

    /** A server with the default limits that logs every reading; call {@link #start()} next. */
    public static VitalsServer newServer(int port) {
        return new VitalsServer(port, ServerLimits.DEFAULTS, new ReadingLogger(), Clock.systemUTC());
    }

    /** Binds the port and starts accepting devices. */
    public VitalsServer start() throws IOException {
        serverSocket = new ServerSocket();
        serverSocket.setReuseAddress(true); // a restarted server can take its port back at once
        serverSocket.bind(new InetSocketAddress(requestedPort));
        // a bounded pool: never more device threads than slots; names carry the port for thread dumps
        devicePool = Executors.newFixedThreadPool(limits.maxDevices(), namedThreads("vitals-" + port() + "-device-"));
        acceptThread = new Thread(this::acceptDevices, "vitals-" + port() + "-accept");
        acceptThread.start();
        log.info("vitals server listening on port {} (up to {} devices, lines up to {} bytes)",
                port(), limits.maxDevices(), limits.maxLineBytes());
        return this;
    }

    /** The port actually bound, useful when 0 asked for any free port. */
    public int port() {
        return serverSocket.getLocalPort();
    }

    public ServerStats stats() {
        return stats;
    }

    private void acceptDevices() {
        while (!stopping) {
            Socket socket;
            try {
                socket = serverSocket.accept();
            } catch (IOException e) {
                if (!stopping) {
                    log.error("accept failed, server stops accepting", e);
                }
                return;
            }
            if (freeSlots.tryAcquire()) {
                serve(socket);
            } else {
                refuse(socket);
            }
        }
    }

    private void serve(Socket socket) {
        deviceSockets.add(socket);
        int open = stats.connectionOpened();
        log.info("device {} connected ({}/{})", socket.getRemoteSocketAddress(), open, limits.maxDevices());
        DeviceConnection connection = new DeviceConnection(socket, limits, listener, stats, clock);
        devicePool.execute(() -> {
            try {
                connection.run();
            } finally {
                deviceSockets.remove(socket);
                freeSlots.release(); // before the count drops, so "0 open" always means "a slot is free"
                int stillOpen = stats.connectionClosed();
                log.info("device {} disconnected ({}/{})", socket.getRemoteSocketAddress(), stillOpen, limits.maxDevices());
            }
        });
    }

    /** Says why, then hangs up: a device that is told "full" can retry later instead of hanging. */
    private void refuse(Socket socket) {
        stats.deviceRefused();
        log.warn("device {} refused: all {} slots busy", socket.getRemoteSocketAddress(), limits.maxDevices());
        try (socket; OutputStream out = socket.getOutputStream()) {
            out.write(("ERR server full: " + devices(limits.maxDevices()) + " connected, try again later\n")
                    .getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            log.debug("could not tell the refused device why", e);
        }
    }

    /** Stops accepting, closes every device connection and waits for every device thread to end. */
    @Override
    public void close() {
        if (stopping) {
            return;
        }
        stopping = true;
        closeQuietly(serverSocket); // accept() throws, and the accept thread ends
        try {
            if (acceptThread != null) {
                acceptThread.join(TimeUnit.SECONDS.toMillis(5)); // after this, no new device can arrive
            }
            deviceSockets.forEach(VitalsServer::closeQuietly); // unblocks each device thread's read
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

    private static String devices(int count) {
        return count == 1 ? "1 device" : count + " devices";
    }

    private static ThreadFactory namedThreads(String prefix) {
        AtomicInteger next = new AtomicInteger(1);
        return runnable -> new Thread(runnable, prefix + next.getAndIncrement());
    }
}
