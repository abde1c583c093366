package org.livevitals.loadtest;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.livevitals.broadcast.MonitorServer;
import org.livevitals.reconnect.Backoff;
import org.livevitals.reconnect.ReconnectingClient;
import org.livevitals.reconnect.StreamEvent;

/**
 * The thundering herd, measured: many {@link ReconnectingClient}s on one Lab 4 server, the server
 * killed and started again on the same port, and every connection attempt the clients make recorded
 * with its time.
 *
 * <p>The server is a {@link BenchServer} in a process of its own, killed with SIGKILL
 * ({@link ServerProcess#kill}): a crash, not a shutdown. A server stopped politely would send each
 * dashboard a close frame first; a killed one says nothing, the kernel closes its sockets, and every
 * client learns of it at the same instant, which is what makes a herd. Its own process also keeps
 * its CPU off the clients' and lets it come back on the same port as a new server would, with a new
 * epoch.
 *
 * <p>The steps are separate so that the program ({@link HerdRun}) can wait its outage on a clock
 * and a test can wait on conditions: {@link #start}, {@link #allOpen}, {@link #kill},
 * {@link #restart}, {@link #allBack}, then {@link #result}. All clients share one Jetty client and
 * one timer, as the library allows.
 */
final class Herd implements AutoCloseable {

    /** One connection attempt after the kill: which client, its attempt number, when (ns, {@link System#nanoTime}). */
    record Attempt(int client, int attempt, long atNanos) {}

    /**
     * Everything measured, in milliseconds since the kill.
     *
     * @param attempts        every {@code Connecting} after the kill, in the order they happened
     * @param retries         the {@code Reconnecting} events after the kill: one per attempt, if none was lost
     * @param disconnectedMs  when each client heard its connection was lost
     * @param reopenedMs      when each client's connection opened again
     * @param restartedMs     when the new server process was started
     * @param listeningMs     when its port first accepted a TCP connection (a probe's, every 5 ms): from then on
     *                        an attempt is not refused, though its upgrade may wait for the server to be ready
     * @param readyMs         when the server said it was ready (it printed READY, a little later)
     */
    record Result(int clients, Backoff backoff, List<AttemptAt> attempts, int retries, double[] disconnectedMs,
            double[] reopenedMs, double restartedMs, double listeningMs, double readyMs) {

        /** The busiest bucket of {@code bucketMs}: its start (ms since the kill) and its attempts. */
        record Bucket(double startMs, int attempts) {}

        /** Attempts per bucket of {@code bucketMs}, from the kill to the last attempt; empty buckets included. */
        int[] perBucket(int bucketMs) {
            double last = attempts.stream().mapToDouble(AttemptAt::ms).max().orElse(0);
            int[] buckets = new int[(int) (last / bucketMs) + 1];
            for (AttemptAt attempt : attempts) {
                buckets[(int) (Math.max(0, attempt.ms()) / bucketMs)]++;
            }
            return buckets;
        }

        Bucket busiest(int bucketMs) {
            int[] buckets = perBucket(bucketMs);
            int at = 0;
            for (int i = 1; i < buckets.length; i++) {
                if (buckets[i] > buckets[at]) {
                    at = i;
                }
            }
            return new Bucket(at * (double) bucketMs, buckets[at]);
        }

        /** When the last client was connected again. */
        double allBackMs() {
            return max(reopenedMs);
        }

        /** When {@code percent} of the clients were connected again (nearest rank). */
        double backMs(double percent) {
            double[] sorted = reopenedMs.clone();
            java.util.Arrays.sort(sorted);
            int rank = (int) Math.ceil(percent / 100 * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
        }

        double allDisconnectedMs() {
            return max(disconnectedMs);
        }

        /** Attempts per client: how many each made after the kill, by client. */
        Map<Integer, List<Integer>> attemptNumbersByClient() {
            Map<Integer, List<Integer>> byClient = new TreeMap<>();
            for (AttemptAt attempt : attempts) {
                byClient.computeIfAbsent(attempt.client(), client -> new ArrayList<>()).add(attempt.attempt());
            }
            return byClient;
        }

        private static double max(double[] values) {
            double max = 0;
            for (double value : values) {
                max = Math.max(max, value);
            }
            return max;
        }
    }

    /** One attempt, its time in ms since the kill. */
    record AttemptAt(int client, int attempt, double ms) {}

    private final int clients;
    private final Backoff backoff;
    private final List<String> serverJvm;
    private final int port;
    private final HttpClient http = new HttpClient();
    private final WebSocketClient jetty;
    private final ScheduledExecutorService timer;
    private final List<ReconnectingClient> reconnecting = new ArrayList<>();
    private final ConcurrentLinkedQueue<Attempt> attempts = new ConcurrentLinkedQueue<>();
    private final AtomicInteger retries = new AtomicInteger();
    private final AtomicInteger opened = new AtomicInteger();
    private final long seed;
    /** System.nanoTime of each client's loss and return after the kill; 0 until then. */
    private final AtomicLongArray disconnectedAt;
    private final AtomicLongArray reopenedAt;
    private ServerProcess server;
    private volatile long killedAt;
    private long restartedAt;
    private long listeningAt;
    private long readyAt;

    /**
     * Starts the server; {@link #start} connects the clients.
     *
     * @param serverJvm the server's JVM options
     * @param seed      where the clients' jitter is drawn from: each client has its own generator, split from it
     */
    Herd(int clients, Backoff backoff, List<String> serverJvm, long seed) throws Exception {
        this.clients = clients;
        this.backoff = backoff;
        this.serverJvm = serverJvm;
        this.seed = seed;
        this.disconnectedAt = new AtomicLongArray(clients);
        this.reopenedAt = new AtomicLongArray(clients);
        this.port = freePortOutsideEphemeralRange();
        this.server = ServerProcess.start("resume", serverJvm, List.of("--port", String.valueOf(port)));
        // Jetty's HTTP client lets 64 connections per server be made at once and queues the rest: the
        // herd would be spread by the client library instead of by the backoff being measured.
        http.setMaxConnectionsPerDestination(clients + 16);
        jetty = new WebSocketClient(http);
        jetty.setMaxTextMessageSize(ReconnectingClient.MAX_MESSAGE_BYTES);
        jetty.start();
        timer = Executors.newScheduledThreadPool(2, runnable -> {
            Thread thread = new Thread(runnable, "herd-timer");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Connects every client, all at once. */
    void start() {
        URI url = URI.create("ws://127.0.0.1:" + port + MonitorServer.WEBSOCKET_PATH);
        // One generator per client, used under that client's lock: independent draws, as separate
        // browsers would make, and the same draws again for the same seed.
        SplittableRandom root = new SplittableRandom(seed);
        for (int i = 0; i < clients; i++) {
            int client = i;
            reconnecting.add(new ReconnectingClient(jetty, timer, List.of(url), backoff,
                    ReconnectingClient.DEFAULT_STABLE_AFTER, root.split(), event -> heard(client, event)));
        }
        reconnecting.forEach(ReconnectingClient::start);
    }

    /** Called under each client's own lock, on Jetty's and the timer's threads: it records and returns. */
    private void heard(int client, StreamEvent event) {
        long now = System.nanoTime();
        boolean afterKill = killedAt != 0;
        if (event instanceof StreamEvent.Connecting connecting && afterKill) {
            attempts.add(new Attempt(client, connecting.attempt(), now));
        } else if (event instanceof StreamEvent.Reconnecting && afterKill) {
            retries.incrementAndGet();
        } else if (event instanceof StreamEvent.Disconnected && afterKill) {
            disconnectedAt.set(client, now);
        } else if (event instanceof StreamEvent.Opened) {
            if (afterKill) {
                reopenedAt.set(client, now);
            }
            opened.incrementAndGet();
        }
    }

    int port() {
        return port;
    }

    /** Every client has opened its first connection. */
    boolean allOpen() {
        return opened.get() >= clients && reconnecting.stream().allMatch(c -> c.state() == ReconnectingClient.State.OPEN);
    }

    /** Kills the server (SIGKILL); the outage is measured from here. */
    void kill() throws InterruptedException {
        killedAt = System.nanoTime();
        server.kill();
    }

    long killedAtNanos() {
        return killedAt;
    }

    /** How many attempts each client has made since the kill, the fewest of any client. */
    int fewestAttemptsSinceKill() {
        int[] perClient = new int[clients];
        attempts.forEach(attempt -> perClient[attempt.client()]++);
        int fewest = Integer.MAX_VALUE;
        for (int count : perClient) {
            fewest = Math.min(fewest, count);
        }
        return fewest;
    }

    /** A new server process on the same port; returns once it is ready. */
    void restart() throws Exception {
        restartedAt = System.nanoTime();
        server.close(); // already gone: this only releases what the old process handle holds
        AtomicLong accepting = new AtomicLong();
        Thread probe = new Thread(() -> probe(accepting), "herd-port-probe");
        probe.setDaemon(true);
        probe.start();
        server = ServerProcess.start("resume", serverJvm, List.of("--port", String.valueOf(port)));
        readyAt = System.nanoTime();
        probe.join(5_000);
        probe.interrupt();
        listeningAt = accepting.get() != 0 ? accepting.get() : readyAt;
    }

    /** Tries the server's port every 5 ms until a TCP connection is accepted, and notes when. */
    private void probe(AtomicLong accepting) {
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        while (!Thread.currentThread().isInterrupted()) {
            try (Socket socket = new Socket()) {
                socket.connect(address, 1_000);
                accepting.set(System.nanoTime());
                return;
            } catch (IOException refused) {
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }
    }

    /** Every client's connection has opened again since the kill. */
    boolean allBack() {
        return back() == clients;
    }

    /** How many clients have their connection open again since the kill. */
    int back() {
        int back = 0;
        for (int i = 0; i < clients; i++) {
            back += reopenedAt.get(i) != 0 ? 1 : 0;
        }
        return back;
    }

    Result result() {
        List<AttemptAt> times = attempts.stream()
                .map(attempt -> new AttemptAt(attempt.client(), attempt.attempt(), sinceKill(attempt.atNanos())))
                .sorted(java.util.Comparator.comparingDouble(AttemptAt::ms))
                .toList();
        double[] disconnected = new double[clients];
        double[] reopened = new double[clients];
        for (int i = 0; i < clients; i++) {
            disconnected[i] = disconnectedAt.get(i) == 0 ? Double.NaN : sinceKill(disconnectedAt.get(i));
            reopened[i] = reopenedAt.get(i) == 0 ? Double.NaN : sinceKill(reopenedAt.get(i));
        }
        return new Result(clients, backoff, times, retries.get(), disconnected, reopened, sinceKill(restartedAt),
                sinceKill(listeningAt), sinceKill(readyAt));
    }

    private double sinceKill(long nanos) {
        return (nanos - killedAt) / 1e6;
    }

    /**
     * A port below Linux's ephemeral range (32768 and up by default). While the server is down, the
     * clients' own attempts take ephemeral ports; one of them could take the server's port number and
     * keep the new server from listening on it.
     */
    static int freePortOutsideEphemeralRange() throws IOException {
        int first = 20_000 + ThreadLocalRandom.current().nextInt(10_000);
        for (int candidate = first; candidate < 32_000; candidate++) {
            try (ServerSocket probe = new ServerSocket(candidate, 1, InetAddress.getLoopbackAddress())) {
                probe.setReuseAddress(true);
                return candidate;
            } catch (IOException taken) {
                // try the next one
            }
        }
        throw new IOException("no free port between " + first + " and 32000");
    }

    @Override
    public void close() throws Exception {
        reconnecting.forEach(ReconnectingClient::close);
        timer.shutdownNow();
        jetty.stop();
        http.stop();
        server.close();
    }
}
