package org.livevitals.loadtest;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.livevitals.reconnect.ResumeSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * What Lab 4's replay history costs in memory, measured: the server's heap after a full GC before
 * anything is published (the history empty) and after each round of {@code --readings} readings (the
 * history full, then still full). Publishing grows a server's heap by more than its history (Jetty's
 * buffer pool, caches warmed by the first readings), so the control is the same Lab 4 server keeping
 * one message: what the default history grows by beyond it is the history. Lab 3's server, which keeps
 * none, is measured beside them; the server also reports what its kept texts take by the object layout
 * ({@link BenchServer.HistoryContents}), as a check.
 *
 * <pre>
 * ./mvnw -q package -DskipTests -Dloadtest=history
 * </pre>
 */
@Command(name = "history", mixinStandardHelpOptions = true, version = "Live Vitals load test",
        description = "Measure the heap Lab 4's replay history takes: Lab 4's server and Lab 3's, before and after"
                + " publishing more readings than the history keeps.")
final class HistoryMemory implements Callable<Integer> {

    /** A block in labs/performance.md that {@code --lab} replaces. */
    static final String BLOCK = "history";

    @Option(names = "--readings", description = "Readings per round, all at once (default: ${DEFAULT-VALUE}, twice the history).")
    int readings = 2 * ResumeSettings.DEFAULT_HISTORY_SIZE;

    @Option(names = "--rounds", description = "Rounds of readings (default: ${DEFAULT-VALUE}: the history fills, then stays full).")
    int rounds = 2;

    @Option(names = "--connections", description = "Dashboards connected meanwhile (default: ${DEFAULT-VALUE}).")
    int connections = 10;

    @Option(names = "--lab", description = "Also write the table into labs/performance.md.")
    boolean lab;

    private final PrintStream out = System.out;

    /** One server's heap after a full GC: before publishing, then after each round. */
    record Heap(String server, List<Long> bytes) {
        long growth() {
            return bytes.get(bytes.size() - 1) - bytes.get(0);
        }
    }

    @Override
    public Integer call() throws Exception {
        // 64 patients at 16 Hz for 2 s is 2,048 readings: the patients and the rate are the same for
        // both servers, so what the latest reading of each patient takes cancels out.
        int patients = 64;
        int seconds = 2;
        double rate = readings / (double) (patients * seconds);
        LoadRun runner = new LoadRun(out);
        List<Heap> heaps = new ArrayList<>();
        BenchServer.HistoryContents kept = null;
        for (List<String> each : List.of(List.of("websocket"), List.of("resume", "--history-size", "1"), List.of("resume"))) {
            String mode = each.get(0);
            String name = each.size() > 1 ? "resume, history of 1 (Lab 4)"
                    : mode.equals("resume") ? String.format(Locale.ROOT, "resume, history of %,d (Lab 4)",
                            ResumeSettings.DEFAULT_HISTORY_SIZE) : "websocket (Lab 3)";
            out.printf("history: %s, %d dashboards, %d rounds of %,d readings%n", name, connections, rounds, readings);
            try (ServerProcess server = ServerProcess.start(mode, runner.serverJvm(), each.subList(1, each.size()));
                    ClientPool clients = new ClientPool(ClientProtocol.forMode(mode), server.port(), connections,
                            new Deliveries(Long.MAX_VALUE))) {
                awaitUntil(() -> clients.open() >= connections, "dashboards connected");
                List<Long> bytes = new ArrayList<>();
                bytes.add(server.stats().heapBytes());
                for (int round = 1; round <= rounds; round++) {
                    server.publish(patients, rate, seconds);
                    int ends = round * connections;
                    awaitUntil(() -> clients.ended() >= ends, "round published");
                    bytes.add(server.stats().heapBytes());
                    out.printf(Locale.ROOT, "  after %,d readings: heap %,d bytes%n", round * (long) readings,
                            bytes.get(bytes.size() - 1));
                }
                heaps.add(new Heap(name, bytes));
                if (each.size() == 1 && mode.equals("resume")) {
                    kept = server.history();
                }
            }
        }
        String table = markdown(heaps, kept);
        out.println();
        out.print(table);
        Path dir = Path.of("target", "loadtest");
        Files.createDirectories(dir);
        Files.writeString(dir.resolve(BLOCK + ".md"), table);
        if (lab) {
            Report.replaceBlock(Path.of("labs", "performance.md"), BLOCK, LoadTest.machine(runner) + "\n\n" + table);
            out.println("Updated labs/performance.md");
        }
        return 0;
    }

    String markdown(List<Heap> heaps, BenchServer.HistoryContents kept) {
        StringBuilder md = new StringBuilder("| server | heap before publishing |");
        StringBuilder rule = new StringBuilder("|---|--:|");
        for (int round = 1; round <= rounds; round++) {
            md.append(String.format(Locale.ROOT, " after %,d readings |", round * (long) readings));
            rule.append("--:|");
        }
        md.append(" growth |\n").append(rule).append("--:|\n");
        for (Heap heap : heaps) {
            md.append("| ").append(heap.server()).append(" |");
            heap.bytes().forEach(bytes -> md.append(String.format(Locale.ROOT, " %,d |", bytes)));
            md.append(String.format(Locale.ROOT, " %,d |%n", heap.growth()));
        }
        Heap one = heaps.get(1);
        Heap full = heaps.get(2);
        StringBuilder after = new StringBuilder();
        for (int round = 1; round <= rounds; round++) {
            after.append(round > 1 ? ", " : "").append(String.format(Locale.ROOT, "%,d",
                    full.bytes().get(round) - one.bytes().get(round)));
        }
        md.append(String.format(Locale.ROOT, "%nThe history: after each round, the server keeping %,d messages holds **%s"
                        + " bytes** more than the one keeping 1; their growth since before publishing differs by %,d bytes"
                        + " (their heaps before publishing differ by %,d bytes: that is the noise here).",
                ResumeSettings.DEFAULT_HISTORY_SIZE, after, full.growth() - one.growth(),
                full.bytes().get(0) - one.bytes().get(0)));
        if (kept != null) {
            md.append(String.format(Locale.ROOT, " Computed from the %,d texts it keeps (%,d characters, %,.0f a message)"
                            + " by the object layout: %,d bytes, %,d a message.%n", kept.messages(), kept.chars(),
                    kept.chars() / (double) Math.max(1, kept.messages()), kept.computedBytes(),
                    kept.computedBytes() / Math.max(1, kept.messages())));
        }
        return md.toString();
    }

    private static void awaitUntil(java.util.function.BooleanSupplier done, String what) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not " + what + " within 60 s");
            }
            Thread.sleep(50); // a progress poll
        }
    }
}
