package org.livevitals.loadtest;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.livevitals.scaling.EmbeddedRedis;
import org.livevitals.security.SigningKey;

/**
 * What one run measures: one server process ({@code websocket}, {@code secure}, {@code single-node}, ...),
 * or Lab 6's cluster ({@code cluster}): an embedded Redis, started here, and {@value #CLUSTER_NODES}
 * {@link BenchServer} processes in mode {@code cluster-node} on it, sharing one signing key (made here,
 * in a temporary directory) and each with a data directory of its own.
 *
 * <p>In the cluster the dashboards are spread over the nodes in turn, each with a ticket from the node
 * it connects to; each node publishes its share of the patients ({@link Publisher#publishesHere}) on a
 * schedule that starts at the same moment on both, so readings cross Redis in both directions; and the
 * run ends on each node only once every node has published its share and that node has delivered the
 * cluster's last number ({@link #poll}). The server's CPU is that of every process of it: both nodes,
 * and Redis's as the operating system counts it ({@link ProcessHandle.Info#totalCpuDuration}, from
 * {@code /proc} on Linux).
 *
 * <p>Everything started here is stopped by {@link #close}, and on a failure while starting; the nodes
 * also exit when this process does (their standard input closes), and the embedded Redis has a shutdown
 * hook of its own.
 */
final class ServersUnderTest implements AutoCloseable {

    /** The {@code --server} that starts Lab 6's cluster. */
    static final String CLUSTER = "cluster";
    /** The {@code --server} that starts Lab 6's node with its record, on an embedded PostgreSQL of its own. */
    static final String SINGLE_NODE_RECORD = "single-node-record";
    static final int CLUSTER_NODES = 2;
    /** How far ahead the nodes' common start is set, for both to be told before it comes. */
    private static final long START_MARGIN_MICROS = 200_000;

    private final String mode;
    private final List<ServerProcess> nodes;
    private final EmbeddedRedis redis;
    private final ProcessHandle redisProcess;
    private final Path sharedDir;
    private final List<Tickets> tickets = new ArrayList<>();
    private boolean ended;
    /** Removes the shared key if this process is stopped before {@link #close}. */
    private final Thread onShutdown = new Thread(this::removeSharedDir, "cluster-cleanup");

    private ServersUnderTest(String mode, List<ServerProcess> nodes, EmbeddedRedis redis, Path sharedDir) {
        this.mode = mode;
        this.nodes = List.copyOf(nodes);
        this.redis = redis;
        this.redisProcess = redis == null ? null : redisProcess().orElse(null);
        this.sharedDir = sharedDir;
    }

    /** Starts what {@code mode} names ({@code cluster}, or a {@link BenchServer} mode). */
    static ServersUnderTest start(String mode, List<String> serverJvm, List<String> serverArgs) throws Exception {
        if (!mode.equals(CLUSTER)) {
            return new ServersUnderTest(mode, List.of(ServerProcess.start(mode, serverJvm, serverArgs)), null, null);
        }
        Path shared = Files.createTempDirectory("livevitals-cluster-");
        EmbeddedRedis redis = null;
        List<ServerProcess> started = new ArrayList<>();
        try {
            Path key = SigningKey.development(shared).file();
            redis = EmbeddedRedis.startOnFreePort();
            for (int node = 1; node <= CLUSTER_NODES; node++) {
                List<String> args = new ArrayList<>(serverArgs);
                args.addAll(List.of("--redis", redis.uri(), "--node-id", "n" + node, "--signing-key", key.toString()));
                started.add(ServerProcess.start("cluster-node", serverJvm, args));
            }
            ServersUnderTest cluster = new ServersUnderTest(mode, started, redis, shared);
            // Ctrl-C: the nodes exit when this process does, Redis has its own hook; the shared key is removed here.
            Runtime.getRuntime().addShutdownHook(cluster.onShutdown);
            return cluster;
        } catch (Exception | Error failure) {
            closeAll(started, redis, shared, failure);
            throw failure;
        }
    }

    boolean clustered() {
        return redis != null;
    }

    /** The node processes: one, or the cluster's. */
    List<ServerProcess> nodes() {
        return nodes;
    }

    /** Whether this server wants a ticket for each dashboard (Labs 5 and 6). */
    private boolean signsIn() {
        return Stream.of("secure", "single-node", SINGLE_NODE_RECORD, CLUSTER).anyMatch(mode::equals);
    }

    /**
     * Where the dashboards connect, one target per node; for Labs 5 and 6 this first signs the demo doctor
     * in on each node (one Argon2 check each), whose tickets are then asked for there, one per dashboard.
     *
     * @param offerDeflate the dashboards offer {@code permessage-deflate}, as browsers do
     */
    List<ClientPool.Target> targets(boolean offerDeflate) throws IOException, InterruptedException {
        List<ClientPool.Target> targets = new ArrayList<>();
        for (ServerProcess node : nodes) {
            Tickets nodeTickets = signsIn() ? Tickets.signIn(node.port(), List.of(Tickets.DOCTOR)) : null;
            if (nodeTickets != null) {
                tickets.add(nodeTickets);
            }
            targets.add(new ClientPool.Target(node.port(), ClientProtocol.forMode(mode, nodeTickets, offerDeflate)));
        }
        return targets;
    }

    /** Tickets asked for so far on every node, and the generator's time waiting for them; null when none are. */
    String ticketsIssued() {
        if (tickets.isEmpty()) {
            return null;
        }
        long issued = tickets.stream().mapToLong(Tickets::issued).sum();
        long nanos = tickets.stream().mapToLong(Tickets::nanos).sum();
        return String.format(Locale.ROOT, "%,d tickets asked for over HTTP, %,.0f µs each on average (the generator waiting)",
                issued, nanos / 1e3 / Math.max(1, issued));
    }

    /** Connections and memory of every node, added up (after a full GC in each: only between runs). */
    ProcessCosts stats() throws IOException, InterruptedException {
        int connections = 0;
        long heap = 0;
        long rss = 0;
        long handedBack = 0;
        for (ServerProcess node : nodes) {
            ProcessCosts costs = node.stats();
            connections += costs.connections();
            heap += costs.heapBytes();
            rss += costs.rssBytes();
            handedBack = handedBack < 0 || !costs.rssTrimmed() ? -1 : handedBack + costs.handedBackBytes();
        }
        return new ProcessCosts(connections, heap, rss, handedBack);
    }

    /** Whether the server keeps Lab 6's record, on an embedded PostgreSQL of its own. */
    boolean records() {
        return mode.equals(SINGLE_NODE_RECORD);
    }

    /**
     * The CPU time of each part so far, in order: the server alone ({@code server}), with its
     * {@code PostgreSQL} when it keeps the record, or each node ({@code n1}, {@code n2}) and {@code Redis}
     * (absent if the operating system does not say).
     */
    Map<String, Long> cpuNanos() throws IOException, InterruptedException {
        Map<String, Long> parts = new LinkedHashMap<>();
        for (int node = 0; node < nodes.size(); node++) {
            BenchServer.CpuTime cpu = nodes.get(node).cpu();
            parts.put(clustered() ? "n" + (node + 1) : "server", cpu.cpuNanos());
            if (records()) {
                parts.put("PostgreSQL", cpu.databaseCpuNanos());
            }
        }
        if (redisProcess != null) {
            redisProcess.info().totalCpuDuration().ifPresent(cpu -> parts.put("Redis", cpu.toNanos()));
        }
        return parts;
    }

    /** The whole server's CPU time so far: {@link #cpuNanos} added up. */
    long totalCpuNanos() throws IOException, InterruptedException {
        return cpuNanos().values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Starts the schedule: on the one server, or on every node of the cluster, each its share of the
     * patients, all from the same moment (a little ahead, so both are told in time); returns at that moment.
     */
    void publish(int patients, double rateHz, int seconds) throws IOException, InterruptedException {
        if (!clustered()) {
            nodes.get(0).publish(patients, rateHz, seconds);
            return;
        }
        long startMicros = Micros.now() + START_MARGIN_MICROS;
        for (int node = 0; node < nodes.size(); node++) {
            nodes.get(node).publish(new BenchServer.Schedule(patients, rateHz, seconds, node, nodes.size(), startMicros));
        }
        long untilStart = startMicros - Micros.now();
        if (untilStart > 0) {
            Thread.sleep(untilStart / 1_000, (int) (untilStart % 1_000) * 1_000);
        }
    }

    /**
     * Called while the generator waits for the end: in the cluster, once every node has published its share,
     * tells each to end the run once it has delivered the highest number any node read after publishing
     * (a server alone ends the run by itself). Returns a line of progress when it did, or null.
     */
    String poll() throws IOException, InterruptedException {
        if (!clustered() || ended) {
            return null;
        }
        List<BenchServer.Published> published = new ArrayList<>();
        for (ServerProcess node : nodes) {
            published.add(node.published());
        }
        if (!published.stream().allMatch(BenchServer.Published::done)) {
            return null;
        }
        long lastSeq = published.stream().mapToLong(BenchServer.Published::latestSeq).max().orElseThrow();
        long publications = published.get(0).publications();
        for (ServerProcess node : nodes) {
            node.end(new BenchServer.End(lastSeq, publications));
        }
        ended = true;
        return String.format(Locale.ROOT, "  every node has published its share; the cluster's last number is %,d:"
                + " each node ends the run once it has delivered it", lastSeq);
    }

    /** What the backplane's lag recorder holds now is forgotten: the measured window starts. */
    void startLagWindow() throws IOException, InterruptedException {
        if (clustered()) {
            for (ServerProcess node : nodes) {
                node.backplane();
            }
        }
    }

    /**
     * The backplane's lag in the measured window, every node's deliveries together, and the messages the
     * nodes dropped or could not publish; null when there is no backplane to measure.
     */
    String lagSinceWindowStart() throws IOException, InterruptedException {
        if (!clustered()) {
            return null;
        }
        Histogram all = new Histogram(BenchServer.LAG_LIMIT_MICROS, 3);
        long dropped = 0;
        long notPublished = 0;
        for (ServerProcess node : nodes) {
            BenchServer.BackplaneLag lag = node.backplane();
            all.add(lag.lag());
            dropped += lag.dropped();
            notPublished += lag.notPublished();
        }
        return String.format(Locale.ROOT, "backplane lag, from the publishing node's send (whole ms) to delivery on a node,"
                        + " %,d messages: p50 %.2f ms, p99 %.2f ms, p999 %.2f ms, max %.2f ms; dropped by a full inbox %,d,"
                        + " not published %,d",
                all.getTotalCount(), all.getValueAtPercentile(50) / 1e3, all.getValueAtPercentile(99) / 1e3,
                all.getValueAtPercentile(99.9) / 1e3, all.getMaxValue() / 1e3, dropped, notPublished);
    }

    /**
     * What Lab 6's record did in the run ({@code single-node-record}; null for the others), once its queue
     * has drained: readings written and the rows the table holds, dropped, failed batches, the queue at its
     * deepest and at the end, how long after the last publication it drained, and the rows absorbed a second.
     */
    String recordSinceStart() throws IOException, InterruptedException {
        if (!records()) {
            return null;
        }
        RecordWatch.Figures record = nodes.get(0).record();
        String drain = record.drainMillis() < 0
                ? String.format(Locale.ROOT, "NOT drained %d s after the last publication", RecordWatch.DRAIN_PATIENCE_NANOS / 1_000_000_000)
                : String.format(Locale.ROOT, "drained %,.0f ms after the last publication", record.drainMillis());
        return String.format(Locale.ROOT, "record: %,d readings published (warm-up included), %,d written, %,d rows in the"
                        + " readings table, %,d dropped (queue full), %,d failed batches, %,d alert changes written; queue at most"
                        + " %,d (sampled every %d ms), %,d at the end, %s; %,.0f rows absorbed a second over %.1f s;"
                        + " %,d reading times moved a millisecond on to be distinct per patient; PostgreSQL CPU %.1f s",
                record.published(), record.written(), record.rows(), record.dropped(), record.failures(), record.alertChanges(),
                record.maxPending(), RecordWatch.SAMPLE_MILLIS, record.pendingAtEnd(), drain, record.absorbedPerSecond(),
                (record.publishingMillis() + Math.max(0, record.drainMillis())) / 1e3, record.nudged(),
                record.databaseCpuNanos() / 1e9);
    }

    /** The embedded Redis's {@code redis-server}, a child of this process; empty if it cannot be found. */
    private static Optional<ProcessHandle> redisProcess() {
        return ProcessHandle.current().children()
                .filter(child -> child.info().command().map(command -> command.contains("redis-server")).orElse(false))
                .max(Comparator.comparing(child -> child.info().startInstant().orElse(java.time.Instant.EPOCH)));
    }

    @Override
    public void close() throws Exception {
        if (sharedDir != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(onShutdown);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running or has run
            }
        }
        closeAll(nodes, redis, sharedDir, null);
    }

    private void removeSharedDir() {
        try {
            closeAll(List.of(), null, sharedDir, null);
        } catch (Exception e) {
            System.err.println("could not remove " + sharedDir + ": " + e);
        }
    }

    /** Stops the nodes, then Redis, then removes the shared key; the first failure is thrown (or added to {@code failure}). */
    private static <T extends Throwable> void closeAll(List<ServerProcess> nodes, EmbeddedRedis redis, Path shared,
            T failure) throws Exception {
        Exception first = null;
        for (int node = nodes.size() - 1; node >= 0; node--) {
            try {
                nodes.get(node).close();
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        if (redis != null) {
            try {
                redis.close();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (shared != null) {
            try (Stream<Path> files = Files.walk(shared)) {
                for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(file);
                }
            } catch (IOException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            if (failure != null) {
                failure.addSuppressed(first);
            } else {
                throw first;
            }
        }
    }
}
