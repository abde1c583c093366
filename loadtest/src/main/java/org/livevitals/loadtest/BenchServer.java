package org.livevitals.loadtest;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.Callable;
import org.livevitals.broadcast.FanOut;
import org.livevitals.cli.Launcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import tools.jackson.databind.json.JsonMapper;

/**
 * The server under test, run as its own process so that its CPU and memory can be measured apart
 * from the generator's: {@code java ... BenchServer websocket|resume|secure|single-node|single-node-record|cluster-node|websocket-core|tcp
 * [--port P] [--history-size N] [--drop-every N] [--duplicate-every N] [--redis URL --node-id ID --signing-key FILE]}.
 *
 * <p>It prints {@code READY <data port> <control port>} and then takes orders on a small HTTP
 * control port (loopback only), in JSON: {@code POST /publish} with a {@link Schedule} starts the
 * schedule, {@code GET /stats} reports its memory as {@link ProcessCosts} (after a full GC, so only
 * between runs), {@code GET /cpu} its {@link CpuTime} alone, and {@code GET /history} (Lab 4's server
 * only) what its replay history holds, as {@link HistoryContents}. A {@code cluster-node} (Lab 6 on Redis)
 * publishes only its share of the patients and ends the run when told: {@code GET /published},
 * {@code POST /end} and {@code GET /backplane} ({@link ClusterNode}). A {@code single-node-record} (Lab 6's
 * node with its record, on an embedded PostgreSQL in a new temporary directory, removed when it stops)
 * answers {@code GET /record} after a run: what the record wrote, dropped and how long its queue took to
 * drain ({@link RecordWatch.Figures}). It exits when its standard input
 * closes, so it never outlives the generator that started it.
 */
@Command(name = "bench-server", mixinStandardHelpOptions = true, version = "Live Vitals load test",
        description = "The server under test, started by the load test in a process of its own.")
public final class BenchServer implements Callable<Integer> {

    /** The control port's JSON, read by {@link ServerProcess}. */
    static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * What {@code POST /publish} asks for: {@code patients} patients at {@code rate} readings a second each.
     * On a node of a cluster, of the whole schedule only the patients of share {@code node} of {@code nodes}
     * ({@link Publisher#publishesHere}), from {@code startMicros} (epoch µs, the same on every node; 0: now).
     */
    record Schedule(int patients, double rate, int seconds, int node, int nodes, long startMicros) {

        Schedule(int patients, double rate, int seconds) {
            this(patients, rate, seconds, 0, 1, 0);
        }
    }

    /**
     * What {@code GET /published} answers on a node of a cluster: whether its publisher has finished, the
     * publications of the whole schedule, and the cluster's latest number read once it had (on the
     * connection its readings went to Redis on, so after every one of them was numbered).
     */
    record Published(boolean done, long publications, long latestSeq) {}

    /**
     * What {@code POST /end} asks of a node of a cluster: send every dashboard here the end of the run
     * once this node has delivered every message numbered up to {@code afterSeq}, the highest
     * {@link Published#latestSeq} of the nodes.
     */
    record End(long afterSeq, long publications) {}

    /**
     * What {@code GET /backplane} answers on a node on Redis: the backplane's lag (from the publishing
     * node's send, in whole milliseconds, to this node's delivery) of every message delivered here since
     * the last time it was asked, as an HdrHistogram in microseconds, compressed and in Base64; and the
     * backplane's own counts of messages dropped (inbox full) and not published (Redis away).
     */
    record BackplaneLag(String histogram, long dropped, long notPublished) {

        static BackplaneLag of(org.HdrHistogram.Histogram lag, long dropped, long notPublished) {
            java.nio.ByteBuffer buffer = java.nio.ByteBuffer.allocate(lag.getNeededByteBufferCapacity());
            int length = lag.encodeIntoCompressedByteBuffer(buffer);
            return new BackplaneLag(java.util.Base64.getEncoder().encodeToString(
                    java.util.Arrays.copyOf(buffer.array(), length)), dropped, notPublished);
        }

        org.HdrHistogram.Histogram lag() {
            try {
                return org.HdrHistogram.Histogram.decodeFromCompressedByteBuffer(
                        java.nio.ByteBuffer.wrap(java.util.Base64.getDecoder().decode(histogram)), 0);
            } catch (java.util.zip.DataFormatException e) {
                throw new IllegalArgumentException("not a histogram", e);
            }
        }
    }

    /** The longest backplane lag recorded as itself (a minute, in µs); a longer one is recorded as this. */
    static final long LAG_LIMIT_MICROS = 60_000_000L;

    /** How long a node of a cluster waits for the last message before it ends the run anyway (what is missing is counted). */
    static final java.time.Duration END_PATIENCE = java.time.Duration.ofSeconds(30);

    /**
     * What {@code GET /cpu} answers: the server's CPU time so far, and for {@code single-node-record} its
     * embedded PostgreSQL's too (its processes, from {@code /proc}; 0 without one).
     */
    record CpuTime(long cpuNanos, long databaseCpuNanos) {

        CpuTime(long cpuNanos) {
            this(cpuNanos, 0);
        }
    }

    /**
     * What {@code GET /history} answers: how many messages Lab 4's history keeps, their characters,
     * and the heap they take by the object layout of a 64-bit JVM with compressed pointers (each kept
     * message is a {@code Numbered} of 24 bytes, a {@code String} of 24 and its Latin-1 byte array of
     * 16 bytes plus one per character, rounded up to 8). A calculation from the real texts, to check
     * the heap the server was measured to hold against.
     */
    record HistoryContents(int messages, long chars, long computedBytes) {

        static HistoryContents of(java.util.List<String> texts) {
            long chars = 0;
            long bytes = 0;
            for (String text : texts) {
                chars += text.length();
                bytes += 24 + 24 + ((16 + text.length() + 7) / 8) * 8;
            }
            return new HistoryContents(texts.size(), chars, bytes);
        }
    }

    /** {@code -Dlivevitals.fanOutLanes=1} measures both servers with one sending thread. */
    static final String FAN_OUT_LANES_PROPERTY = "livevitals.fanOutLanes";

    /**
     * {@code -Dlivevitals.heartbeatSeconds=3600} spaces Lab 4's heartbeats and pings out (a ping
     * every third beat, a pong window of two pings), so a scenario measures numbering and the history without them.
     */
    static final String HEARTBEAT_SECONDS_PROPERTY = "livevitals.heartbeatSeconds";

    /**
     * Patients whose ward Lab 5's server is told ({@code secure}): P001 to P400, odd numbers on the ICU and
     * even ones on cardiology, the rule of Lab 5's simulated patients, for as many patients as peak's last
     * step publishes. Lab 5 knows only P001 to P004 by default; a patient on no ward is a doctor's alone.
     */
    static final int PATIENTS_ON_WARDS = 400;

    @Parameters(index = "0", description = "websocket (Lab 3's server), resume (Lab 4's), secure (Lab 5's),"
            + " single-node (Lab 6's, on its in-memory backplane), single-node-record (the same with its record on an"
            + " embedded PostgreSQL), cluster-node (Lab 6's, one node on --redis),"
            + " websocket-core or tcp (the baseline).")
    String mode;

    @Option(names = "--redis", description = "cluster-node: the backplane's Redis, e.g. redis://127.0.0.1:6379.")
    String redis;

    @Option(names = "--node-id", description = "cluster-node: this node's name (default: ${DEFAULT-VALUE}).")
    String nodeId = "n1";

    @Option(names = "--signing-key", description = "cluster-node: the key every node of the cluster signs tokens with"
            + " (a ticket from one node is good on every one); default: a development key of this node's own.")
    java.nio.file.Path signingKey;

    @Option(names = "--history-size", description = "Messages Lab 4's server keeps to replay (default: ${DEFAULT-VALUE}).")
    int historySize = org.livevitals.reconnect.ResumeSettings.DEFAULT_HISTORY_SIZE;

    @Option(names = "--port", description = "The port clients connect to (default: any free one); the herd restarts a server on the port it had.")
    int port;

    // Faults on purpose, for the generator's own test (FaultyTarget).
    @Option(names = "--drop-every", description = "Drop every n-th publication (default: none).")
    int dropEvery;

    @Option(names = "--duplicate-every", description = "Send every n-th publication twice (default: none).")
    int duplicateEvery;

    public static void main(String[] args) {
        Launcher.launch(new BenchServer(), args);
    }

    @Override
    public Integer call() throws Exception {
        int fanOutLanes = Integer.getInteger(FAN_OUT_LANES_PROPERTY, FanOut.DEFAULT_LANES);
        BroadcastTarget server;
        try {
            server = switch (mode) {
                case "tcp" -> new TcpTarget(port, fanOutLanes);
                case "websocket-core" -> new CoreWebSocketTarget(port);
                case "resume" -> WebSocketTarget.resume(port, fanOutLanes, resumeSettings());
                case "secure" -> WebSocketTarget.secure(port, fanOutLanes, resumeSettings(), ownSecuritySettings());
                case "single-node" -> WebSocketTarget.scaling(port, fanOutLanes, resumeSettings(), ownSecuritySettings(),
                        org.livevitals.scaling.ScalingSettings.SINGLE_NODE);
                case "single-node-record" -> WebSocketTarget.scaling(port, fanOutLanes, resumeSettings(), ownSecuritySettings(),
                        org.livevitals.scaling.ScalingSettings.SINGLE_NODE.withRecord(org.livevitals.scaling.record.RecordSettings
                                .embedded(ownDataDir("livevitals-bench-record-").resolve("postgres"))));
                case "cluster-node" -> WebSocketTarget.scaling(port, fanOutLanes, resumeSettings(),
                        signingKey == null ? ownSecuritySettings() : ownSecuritySettings().withSigningKey(signingKey),
                        org.livevitals.scaling.ScalingSettings.onRedis(nodeId, java.util.Objects.requireNonNull(redis,
                                "a cluster-node needs --redis")));
                case "websocket" -> new WebSocketTarget(port, fanOutLanes);
                default -> throw new IllegalArgumentException("no server called " + mode);
            };
        } catch (Exception | Error failure) {
            // A server that did not start (an embedded PostgreSQL that would not) leaves no directory behind.
            for (java.nio.file.Path dir : dataDirs) {
                try {
                    deleteTree(dir);
                } catch (IOException e) {
                    failure.addSuppressed(e);
                }
            }
            throw failure;
        }
        BroadcastTarget target = dropEvery > 0 || duplicateEvery > 0
                ? new FaultyTarget(server, dropEvery, duplicateEvery) : server;
        HttpServer control = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ClusterNode clusterNode = mode.equals("cluster-node") ? new ClusterNode((WebSocketTarget) server) : null;
        RecordWatch record = server instanceof WebSocketTarget lab6 && lab6.node() != null
                ? lab6.node().record().map(RecordWatch::new).orElse(null) : null;
        control.createContext("/publish", exchange -> {
            Schedule schedule = JSON.readValue(exchange.getRequestBody(), Schedule.class);
            Publisher publisher = new Publisher(target, schedule.patients(), schedule.rate(), schedule.seconds(),
                    schedule.node(), schedule.nodes());
            Thread thread = clusterNode != null
                    // A node of a cluster ends the run only when told (POST /end): its dashboards are sent the other nodes' readings too.
                    ? new Thread(() -> clusterNode.published(publisher.run(schedule.startMicros())), "publisher")
                    : record != null
                    ? new Thread(() -> {
                        record.publishing();
                        long publications = publisher.run(schedule.startMicros());
                        record.published(publications, publisher.nudged()); // before the end: the drain is timed from the last reading
                        target.sendToAll(Publication.end(publications));
                    }, "publisher")
                    : new Thread(() -> target.sendToAll(Publication.end(publisher.run(schedule.startMicros()))), "publisher");
            thread.start();
            reply(exchange, 202, Map.of("started", true));
        });
        if (clusterNode != null) {
            control.createContext("/published", exchange -> reply(exchange, 200, clusterNode.published()));
            control.createContext("/end", exchange -> {
                clusterNode.end(JSON.readValue(exchange.getRequestBody(), End.class));
                reply(exchange, 202, Map.of("ending", true));
            });
            control.createContext("/backplane", exchange -> reply(exchange, 200, clusterNode.lag()));
        }
        if (record != null) {
            control.createContext("/record", exchange -> {
                try {
                    reply(exchange, 200, record.figures());
                } catch (InterruptedException | java.sql.SQLException e) {
                    reply(exchange, 500, Map.of("error", e.toString()));
                }
            });
        }
        java.nio.file.Path database = record == null ? null
                : ((WebSocketTarget) server).node().record().orElseThrow().embeddedDirectory();
        control.createContext("/stats", exchange -> reply(exchange, 200, ProcessCosts.measure(target.connections())));
        // CPU time alone, without the full GC that /stats runs: safe to ask while publishing.
        control.createContext("/cpu", exchange -> reply(exchange, 200, new CpuTime(ProcessCosts.processCpuNanos(),
                RecordWatch.DatabaseProcesses.cpuNanos(database))));
        if (mode.equals("resume") && server instanceof WebSocketTarget lab4) {
            control.createContext("/history", exchange -> reply(exchange, 200, HistoryContents.of(
                    lab4.kept().stream().map(org.livevitals.reconnect.StreamHistory.Numbered::json).toList())));
        }
        control.start();
        System.out.println("READY " + target.port() + " " + control.getAddress().getPort());
        System.out.flush();
        while (System.in.read() >= 0) {
            // wait for the parent to go away
        }
        control.stop(0);
        target.close();
        for (java.nio.file.Path dir : dataDirs) {
            deleteTree(dir);
        }
        return 0; // the launcher exits: no thread of the server keeps this process alive
    }

    /**
     * What a node of a cluster adds to the control port: it says when its share of the schedule is
     * published, ends the run when told, once every message up to the last one has been delivered here,
     * and records the backplane's lag of each message delivered here.
     */
    private static final class ClusterNode {

        private final WebSocketTarget node;
        private final org.livevitals.scaling.RedisBackplane backplane;
        /** Written by the backplane's one delivery thread only. */
        private final org.HdrHistogram.SingleWriterRecorder lag = new org.HdrHistogram.SingleWriterRecorder(LAG_LIMIT_MICROS, 3);
        private volatile Published published = new Published(false, 0, 0);

        ClusterNode(WebSocketTarget node) {
            this.node = node;
            this.backplane = (org.livevitals.scaling.RedisBackplane) node.node().backplane();
            // The backplane has one listener, which Lab 6's node gives its metrics (/metrics): this one records the
            // lag here too and passes every call on to them, as the node's own does, so the node measured keeps its cost.
            org.livevitals.scaling.ops.NodeMetrics metrics = node.node().metrics();
            backplane.onDelivery(new org.livevitals.scaling.RedisBackplane.DeliveryListener() {
                @Override
                public void delivered(java.time.Duration delay) {
                    lag.recordValue(Math.min(Math.max(0, delay.toNanos() / 1_000), LAG_LIMIT_MICROS));
                    metrics.backplaneLag(delay);
                }

                @Override
                public void dropped() {
                    metrics.dropped();
                }
            });
        }

        /** The publisher has finished: read the cluster's latest number, after every reading it sent to Redis. */
        void published(long publications) {
            published = new Published(true, publications, node.history().latestSeq());
        }

        Published published() {
            return published;
        }

        /** Sends the end once every message numbered up to {@code end.afterSeq()} has been delivered here, or after {@link #END_PATIENCE}. */
        void end(End end) {
            Thread ending = new Thread(() -> {
                long deadline = System.nanoTime() + END_PATIENCE.toNanos();
                while (node.history().deliveredSeq() < end.afterSeq() && System.nanoTime() < deadline) {
                    try {
                        Thread.sleep(10); // polling a number another thread advances; nothing to be told by
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                if (node.history().deliveredSeq() < end.afterSeq()) {
                    System.err.printf("%s: delivered up to %d, not %d, after %d s: ending anyway (the generator counts what is missing)%n",
                            node.node().nodeId(), node.history().deliveredSeq(), end.afterSeq(), END_PATIENCE.toSeconds());
                }
                node.sendToAll(Publication.end(end.publications()));
            }, "ending");
            ending.start();
        }

        /** The lag of every message delivered since the last call. */
        BackplaneLag lag() {
            return BackplaneLag.of(lag.getIntervalHistogram(), backplane.dropped(), backplane.notPublished());
        }
    }

    /** Lab 4's defaults, but for the history's size and, if the property asks, the heartbeat. */
    private org.livevitals.reconnect.ResumeSettings resumeSettings() {
        var settings = org.livevitals.reconnect.ResumeSettings.DEFAULTS.withHistorySize(historySize);
        Integer beat = Integer.getInteger(HEARTBEAT_SECONDS_PROPERTY);
        return beat == null ? settings
                : org.livevitals.reconnect.ResumeSettings.withHeartbeat(historySize, java.time.Duration.ofSeconds(beat));
    }

    /** The data directories this process made ({@link #ownSecuritySettings}): removed when it stops. */
    private final java.util.List<java.nio.file.Path> dataDirs = new java.util.ArrayList<>();

    /** A new temporary directory, removed when this server stops (after the server, and the database in it, have). */
    private java.nio.file.Path ownDataDir(String prefix) throws IOException {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory(prefix);
        dataDirs.add(dir);
        return dir;
    }

    /** {@link #securitySettings()}, its data directory (development key, audit trail) removed when this server stops. */
    private org.livevitals.security.SecuritySettings ownSecuritySettings() throws IOException {
        org.livevitals.security.SecuritySettings settings = securitySettings();
        dataDirs.add(settings.dataDir());
        return settings;
    }

    private static void deleteTree(java.nio.file.Path dir) throws IOException {
        try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(dir)) {
            for (java.nio.file.Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                java.nio.file.Files.deleteIfExists(file);
            }
        }
    }

    /**
     * Lab 5's settings for tests: development secrets (the signing key, the audit trail) in a new
     * temporary directory, no TLS, and every published patient on a ward ({@link #PATIENTS_ON_WARDS}).
     */
    static org.livevitals.security.SecuritySettings securitySettings() throws IOException {
        java.nio.file.Path dataDir = java.nio.file.Files.createTempDirectory("livevitals-bench-");
        java.util.Map<String, String> wards = new java.util.HashMap<>();
        for (int patient = 1; patient <= PATIENTS_ON_WARDS; patient++) {
            wards.put(String.format("P%03d", patient),
                    patient % 2 == 1 ? org.livevitals.security.Wards.ICU : org.livevitals.security.Wards.CARDIOLOGY);
        }
        return org.livevitals.security.SecuritySettings.forTests(dataDir).withWards(wards);
    }

    private static void reply(HttpExchange exchange, int status, Object answer) throws IOException {
        byte[] body = JSON.writeValueAsBytes(answer);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }
}
