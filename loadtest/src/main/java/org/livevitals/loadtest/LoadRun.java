package org.livevitals.loadtest;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * One run of one scenario against one server: start the server process, connect every client,
 * publish on schedule, count and time every delivery, and read the server's costs.
 */
final class LoadRun {

    /** What to run. {@code rateHz} is per patient; every connection receives every publication. */
    record Plan(String scenario, String mode, int connections, int patients, double rateHz, int seconds,
            List<String> serverArgs) {

        Plan(String scenario, String mode, int connections, int patients, double rateHz, int seconds) {
            this(scenario, mode, connections, patients, rateHz, seconds, List.of());
        }

        double deliveriesPerSecond() {
            return connections * patients * rateHz;
        }
    }

    private static final Duration CONNECT_PATIENCE = Duration.ofSeconds(60);
    /** A fixed heap, and warnings only: a log line per connection would be measured too. */
    private static final List<String> SERVER_JVM = List.of("-Xms1g", "-Xmx1g", "-XX:+UseG1GC",
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");

    private final PrintStream progress;

    LoadRun(PrintStream progress) {
        this.progress = progress;
    }

    RunResult run(Plan plan) throws Exception {
        try (ServerProcess server = ServerProcess.start(plan.mode(), SERVER_JVM, plan.serverArgs())) {
            ProcessCosts empty = server.stats();
            Deliveries deliveries = new Deliveries();
            ClientPool clients = new ClientPool(plan.mode().equals("websocket"), server.port(), plan.connections(), deliveries);
            try {
                awaitConnected(clients, server, plan.connections());
                ProcessCosts before = server.stats();
                long generatorCpuBefore = ProcessCosts.processCpuNanos();
                long start = System.nanoTime();
                if (plan.patients() > 0) {
                    server.publish(plan.patients(), plan.rateHz(), plan.seconds());
                    awaitEnd(clients, deliveries, plan);
                }
                double elapsedSeconds = (System.nanoTime() - start) / 1e9;
                long generatorCpu = ProcessCosts.processCpuNanos() - generatorCpuBefore;
                ProcessCosts after = server.stats();
                clients.close();
                long published = Math.round(plan.patients() * plan.rateHz() * plan.seconds());
                long expected = published * plan.connections();
                long received = deliveries.received();
                long cpu = after.cpuNanos() - before.cpuNanos();
                return new RunResult(plan.scenario(), plan.mode(), plan.connections(), published, expected, received,
                        clients.lost(published), deliveries.duplicates(), plan.deliveriesPerSecond(),
                        received / Math.max(elapsedSeconds, 1e-9),
                        RunResult.Percentiles.of(deliveries.fromSent), RunResult.Percentiles.of(deliveries.fromDue),
                        plan.patients() > 0 ? 100.0 * cpu / (elapsedSeconds * 1e9) : 0,
                        received > 0 ? cpu / 1000.0 / received : 0,
                        plan.patients() > 0 ? 100.0 * generatorCpu / (elapsedSeconds * 1e9) : 0,
                        (before.heapBytes() - empty.heapBytes()) / plan.connections(),
                        (before.rssBytes() - empty.rssBytes()) / plan.connections());
            } finally {
                clients.close();
            }
        }
    }

    private void awaitConnected(ClientPool clients, ServerProcess server, int connections) throws Exception {
        long deadline = System.nanoTime() + CONNECT_PATIENCE.toNanos();
        while (clients.open() < connections || server.stats().connections() < connections) {
            if (clients.failure() != null) {
                throw new IllegalStateException("the generator failed: " + clients.failure());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("only " + clients.open() + " of " + connections + " connected");
            }
            Thread.sleep(100); // a progress poll, not a test waiting
        }
        progress.printf("  %d connections open%n", connections);
    }

    private void awaitEnd(ClientPool clients, Deliveries deliveries, Plan plan) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(plan.seconds() + 30L).toNanos();
        long lastReceived = 0;
        int second = 0;
        while (clients.ended() + clients.closedByServer() < plan.connections() && System.nanoTime() < deadline) {
            Thread.sleep(1000);
            long received = deliveries.received();
            progress.printf("  t=%2ds  %,9d deliveries (%,.0f/s)  %d/%d connections done%n",
                    ++second, received, (double) (received - lastReceived), clients.ended(), plan.connections());
            lastReceived = received;
        }
    }
}
