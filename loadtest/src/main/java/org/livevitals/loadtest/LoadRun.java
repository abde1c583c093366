package org.livevitals.loadtest;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One run of one scenario against one server: start the server process (for Lab 6's cluster: Redis and
 * two node processes, {@link ServersUnderTest}), connect every client, publish on schedule, count and
 * time every delivery, and read the server's costs.
 */
final class LoadRun {

    /**
     * What to run. {@code rateHz} is per patient; every connection receives every publication. The
     * schedule runs {@code warmupSeconds} first: those deliveries are counted (a loss is a loss) but
     * not timed, so the figures describe the server once its code is compiled, not while it is.
     */
    record Plan(String scenario, String mode, int connections, int patients, double rateHz, int seconds,
            int warmupSeconds, List<String> serverArgs) {

        Plan(String scenario, String mode, int connections, int patients, double rateHz, int seconds) {
            this(scenario, mode, connections, patients, rateHz, seconds, 0, List.of());
        }

        double deliveriesPerSecond() {
            return connections * patients * rateHz;
        }

        /** Publications in the whole schedule, warm-up included. */
        long publications() {
            return Math.round(patients * rateHz * (warmupSeconds + seconds));
        }

        /** The first publication that is timed. */
        long firstTimedPublication() {
            return Math.round(patients * rateHz * warmupSeconds);
        }
    }

    /**
     * How long connecting may take: a minute, and 20 ms more a connection, for Lab 5's, which each ask
     * for a ticket first (10,000 of them took minutes on a loaded machine).
     */
    private static Duration connectPatience(int connections) {
        return Duration.ofSeconds(60).plusMillis(20L * connections);
    }
    /**
     * A fixed heap, touched in full at start-up so that resident memory grows only with what lives
     * outside it (thread stacks, direct buffers); and warnings only: a log line per connection
     * would be measured too.
     */
    private static final List<String> SERVER_JVM = List.of("-Xms1g", "-Xmx1g", "-XX:+AlwaysPreTouch",
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
    /**
     * The server's collector unless the extra options name another (the JVM refuses two). Parallel,
     * not the default G1: on Java 17, G1's write barrier and its background refinement of the cards
     * it dirties cost about a third more CPU per delivery here (labs/performance.md, "The collector").
     */
    static final String DEFAULT_GC = "-XX:+UseParallelGC";

    private final PrintStream progress;
    private final List<String> serverJvm;
    private final boolean offerDeflate;

    LoadRun(PrintStream progress) {
        this(progress, List.of(), false);
    }

    /**
     * @param extraServerJvm JVM options added after the defaults (a later option wins), e.g. a different GC
     * @param offerDeflate   the dashboards offer {@code permessage-deflate} in their handshake, as browsers do
     */
    LoadRun(PrintStream progress, List<String> extraServerJvm, boolean offerDeflate) {
        this.progress = progress;
        this.offerDeflate = offerDeflate;
        boolean choosesGc = extraServerJvm.stream().anyMatch(option -> option.matches("-XX:\\+Use\\w+GC"));
        this.serverJvm = Stream.of(SERVER_JVM, choosesGc ? List.<String>of() : List.of(DEFAULT_GC), extraServerJvm)
                .flatMap(List::stream).toList();
    }

    List<String> serverJvm() {
        return serverJvm;
    }

    RunResult run(Plan plan) throws Exception {
        try (ServersUnderTest server = ServersUnderTest.start(plan.mode(), serverJvm, plan.serverArgs())) {
            ProcessCosts empty = server.stats();
            Deliveries deliveries = new Deliveries(plan.firstTimedPublication());
            // Labs 5 and 6: one sign-in per user and node, before the connect phase (Argon2: about 60 ms each).
            List<ClientPool.Target> targets = server.targets(offerDeflate);
            Connecting connecting = new Connecting(System.nanoTime(), server.totalCpuNanos());
            ClientPool clients = new ClientPool(targets, plan.connections(), deliveries);
            try {
                awaitConnected(clients, server, plan.connections(), connecting);
                ProcessCosts connected = server.stats();
                if (plan.patients() > 0) {
                    server.publish(plan.patients(), plan.rateHz(), plan.warmupSeconds() + plan.seconds());
                    warmUp(plan.warmupSeconds());
                }
                // The measured window: from the end of the warm-up to the last delivery.
                Map<String, Long> serverCpuBefore = server.cpuNanos();
                server.startLagWindow();
                long generatorCpuBefore = ProcessCosts.processCpuNanos();
                long receivedBefore = deliveries.received();
                long start = System.nanoTime();
                if (plan.patients() > 0) {
                    awaitEnd(clients, deliveries, plan, server);
                }
                double elapsedSeconds = (System.nanoTime() - start) / 1e9;
                long generatorCpu = ProcessCosts.processCpuNanos() - generatorCpuBefore;
                Map<String, Long> serverCpuAfter = server.cpuNanos();
                long cpu = serverCpuAfter.values().stream().mapToLong(Long::longValue).sum()
                        - serverCpuBefore.values().stream().mapToLong(Long::longValue).sum();
                List<String> notes = new ArrayList<>();
                if (plan.patients() > 0 && serverCpuAfter.size() > 1) {
                    notes.add(cpuParts(plan, serverCpuBefore, serverCpuAfter, elapsedSeconds));
                }
                String lag = plan.patients() > 0 ? server.lagSinceWindowStart() : null;
                if (lag != null) {
                    notes.add(plan.mode() + ": " + lag);
                }
                String record = plan.patients() > 0 ? server.recordSinceStart() : null;
                if (record != null) {
                    notes.add(plan.mode() + ": " + record);
                }
                if (!(empty.rssTrimmed() && connected.rssTrimmed())) {
                    notes.add(plan.mode() + ": resident memory read untrimmed, as before 2026-12-02: the server's JVM"
                            + " could not hand the C library's free memory back (System.trim_native_heap)");
                } else if (plan.patients() == 0) {
                    notes.add(String.format(java.util.Locale.ROOT, "%s: before reading resident memory, the C library"
                            + " handed back %.1f MB of free memory before the dashboards connected and %.1f MB once they had",
                            plan.mode(), empty.handedBackBytes() / 1e6, connected.handedBackBytes() / 1e6));
                }
                notes.forEach(note -> progress.println("  " + note));
                clients.close();
                long published = plan.publications();
                long expected = published * plan.connections();
                long received = deliveries.received();
                long receivedInWindow = received - receivedBefore;
                return new RunResult(plan.scenario(), plan.mode(), plan.connections(), published, expected, received,
                        clients.lost(published), deliveries.duplicates(), plan.deliveriesPerSecond(),
                        receivedInWindow / Math.max(elapsedSeconds, 1e-9),
                        RunResult.Percentiles.of(deliveries.fromSent), RunResult.Percentiles.of(deliveries.fromDue),
                        plan.patients() > 0 ? 100.0 * cpu / (elapsedSeconds * 1e9) : 0,
                        receivedInWindow > 0 ? cpu / 1000.0 / receivedInWindow : 0,
                        plan.patients() > 0 ? 100.0 * generatorCpu / (elapsedSeconds * 1e9) : 0,
                        (connected.heapBytes() - empty.heapBytes()) / plan.connections(),
                        (connected.rssBytes() - empty.rssBytes()) / plan.connections(), notes);
            } finally {
                clients.close();
            }
        }
    }

    /** The server's CPU part by part (the cluster's nodes and Redis, or the server and its PostgreSQL), in % of one core over the measured window. */
    private static String cpuParts(Plan plan, Map<String, Long> before, Map<String, Long> after, double seconds) {
        List<String> parts = new ArrayList<>();
        for (Map.Entry<String, Long> part : after.entrySet()) {
            Long then = before.get(part.getKey());
            if (then != null) {
                parts.add(String.format(java.util.Locale.ROOT, "%s %.0f %%", part.getKey(),
                        100.0 * (part.getValue() - then) / (seconds * 1e9)));
            }
        }
        String others = after.containsKey("PostgreSQL") ? " (PostgreSQL's processes as Linux counts them, in /proc)"
                : after.containsKey("Redis") ? " (Redis's as Linux counts it, in /proc)" : " (Redis's CPU could not be read)";
        return plan.mode() + ": server CPU, the sum of " + String.join(", ", parts) + others;
    }

    /** When the connect phase started, and the server's CPU time then. */
    private record Connecting(long startNanos, long serverCpuNanos) {}

    /**
     * Waits for every connection, then prints what connecting cost: the time, and the server's CPU per
     * connection (handshakes, and for Labs 5 and 6 the tickets it issued and checked), read before the server
     * is asked for its memory (a full GC); and for Labs 5 and 6 the generator's time waiting for tickets.
     */
    private void awaitConnected(ClientPool clients, ServersUnderTest server, int connections, Connecting connecting)
            throws Exception {
        long deadline = System.nanoTime() + connectPatience(connections).toNanos();
        while (clients.open() < connections) {
            if (clients.failure() != null) {
                throw new IllegalStateException("the generator failed: " + clients.failure());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + clients.open() + " of " + connections + " connected");
            }
            Thread.sleep(100); // a progress poll, not a test waiting
        }
        double seconds = (System.nanoTime() - connecting.startNanos()) / 1e9;
        long cpu = server.totalCpuNanos() - connecting.serverCpuNanos();
        while (server.stats().connections() < connections) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the server has only " + server.stats().connections() + " of "
                        + connections + " connections");
            }
            Thread.sleep(100);
        }
        String tickets = server.ticketsIssued();
        progress.printf(java.util.Locale.ROOT, "  %,d connections open in %.1f s%s; server CPU %.2f s, %,.0f µs a connection%s%n",
                connections, seconds, server.clustered() ? " (over " + server.nodes().size() + " nodes)" : "",
                cpu / 1e9, cpu / 1e3 / connections, tickets == null ? "" : "; " + tickets);
    }

    private void warmUp(int seconds) throws InterruptedException {
        for (int second = 1; second <= seconds; second++) {
            Thread.sleep(1000); // the warm-up is a length of schedule, not a condition to wait for
            progress.printf("  warm-up %d/%d s%n", second, seconds);
        }
    }

    private void awaitEnd(ClientPool clients, Deliveries deliveries, Plan plan, ServersUnderTest server) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(plan.seconds() + 30L).toNanos();
        long lastReceived = 0;
        int second = 0;
        while (clients.ended() + clients.closedByServer() < plan.connections() && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            long received = deliveries.received();
            progress.printf("  t=%2ds  %,9d deliveries (%,.0f/s)  %d/%d connections done%n",
                    ++second, received, (double) (received - lastReceived), clients.ended(), plan.connections());
            lastReceived = received;
            String ending = server.poll(); // the cluster's nodes end the run when all have published
            if (ending != null) {
                progress.println(ending);
            }
        }
    }
}
