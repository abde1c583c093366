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
 * from the generator's: {@code java ... BenchServer websocket|resume|secure|websocket-core|tcp [--port P]
 * [--history-size N] [--drop-every N] [--duplicate-every N]}.
 *
 * <p>It prints {@code READY <data port> <control port>} and then takes orders on a small HTTP
 * control port (loopback only), in JSON: {@code POST /publish} with a {@link Schedule} starts the
 * schedule, {@code GET /stats} reports its memory as {@link ProcessCosts} (after a full GC, so only
 * between runs), {@code GET /cpu} its {@link CpuTime} alone, and {@code GET /history} (Lab 4's server
 * only) what its replay history holds, as {@link HistoryContents}. It exits when its standard input
 * closes, so it never outlives the generator that started it.
 */
@Command(name = "bench-server", mixinStandardHelpOptions = true, version = "Live Vitals load test",
        description = "The server under test, started by the load test in a process of its own.")
public final class BenchServer implements Callable<Integer> {

    /** The control port's JSON, read by {@link ServerProcess}. */
    static final JsonMapper JSON = JsonMapper.builder().build();

    /** What {@code POST /publish} asks for: {@code patients} patients at {@code rate} readings a second each. */
    record Schedule(int patients, double rate, int seconds) {}

    /** What {@code GET /cpu} answers: the server's CPU time so far. */
    record CpuTime(long cpuNanos) {}

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
     * {@code -Dlivevitals.heartbeatSeconds=3600} spaces Lab 4's heartbeats and pings out (its pong
     * window is three beats), so a scenario measures numbering and the history without them.
     */
    static final String HEARTBEAT_SECONDS_PROPERTY = "livevitals.heartbeatSeconds";

    /**
     * Patients whose ward Lab 5's server is told ({@code secure}): P001 to P400, odd numbers on the ICU and
     * even ones on cardiology, the rule of Lab 5's simulated patients, for as many patients as peak's last
     * step publishes. Lab 5 knows only P001 to P004 by default; a patient on no ward is a doctor's alone.
     */
    static final int PATIENTS_ON_WARDS = 400;

    @Parameters(index = "0", description = "websocket (Lab 3's server), resume (Lab 4's), secure (Lab 5's),"
            + " websocket-core or tcp (the baseline).")
    String mode;

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
        BroadcastTarget server = switch (mode) {
            case "tcp" -> new TcpTarget(port, fanOutLanes);
            case "websocket-core" -> new CoreWebSocketTarget(port);
            case "resume" -> WebSocketTarget.resume(port, fanOutLanes, resumeSettings());
            case "secure" -> WebSocketTarget.secure(port, fanOutLanes, resumeSettings(), securitySettings());
            case "websocket" -> new WebSocketTarget(port, fanOutLanes);
            default -> throw new IllegalArgumentException("no server called " + mode);
        };
        BroadcastTarget target = dropEvery > 0 || duplicateEvery > 0
                ? new FaultyTarget(server, dropEvery, duplicateEvery) : server;
        HttpServer control = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        control.createContext("/publish", exchange -> {
            Schedule schedule = JSON.readValue(exchange.getRequestBody(), Schedule.class);
            Publisher publisher = new Publisher(target, schedule.patients(), schedule.rate(), schedule.seconds());
            Thread thread = new Thread(() -> target.sendToAll(Publication.end(publisher.run())), "publisher");
            thread.start();
            reply(exchange, 202, Map.of("started", true));
        });
        control.createContext("/stats", exchange -> reply(exchange, 200, ProcessCosts.measure(target.connections())));
        // CPU time alone, without the full GC that /stats runs: safe to ask while publishing.
        control.createContext("/cpu", exchange -> reply(exchange, 200, new CpuTime(ProcessCosts.processCpuNanos())));
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
        return 0; // the launcher exits: no thread of the server keeps this process alive
    }

    /** Lab 4's defaults, but for the history's size and, if the property asks, the heartbeat. */
    private org.livevitals.reconnect.ResumeSettings resumeSettings() {
        var settings = org.livevitals.reconnect.ResumeSettings.DEFAULTS.withHistorySize(historySize);
        Integer beat = Integer.getInteger(HEARTBEAT_SECONDS_PROPERTY);
        return beat == null ? settings : new org.livevitals.reconnect.ResumeSettings(historySize,
                java.time.Duration.ofSeconds(beat), java.time.Duration.ofSeconds(3L * beat));
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
