package org.livevitals.loadtest;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.livevitals.reconnect.Backoff;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The thundering herd of labs/step04-client-reconnect.md, measured: {@code --clients} reconnecting
 * clients on a Lab 4 server that is killed, stays down {@code --down} seconds and comes back on the
 * same port; once with {@link Backoff.Jitter#NONE} and once with {@link Backoff.Jitter#FULL}, the same
 * backoff otherwise.
 *
 * <pre>
 * ./mvnw -q package -DskipTests -Dloadtest=herd
 * ./mvnw -q package -DskipTests -Dloadtest=herd -Dloadtest.args="--clients 1000 --down 10"
 * </pre>
 */
@Command(name = "herd", mixinStandardHelpOptions = true, version = "Live Vitals load test",
        description = {"Kill a Lab 4 server under many reconnecting clients, start it again on the same port, and record"
                + " every connection attempt: once without jitter, once with full jitter.",
                "Writes target/loadtest/herd-no-jitter.{csv,png}, herd-full-jitter.{csv,png}, herd.md and"
                + " herd-summary.csv; with --lab, into labs/step04/ too."})
final class HerdRun implements Callable<Integer> {

    /** How long the clients may take to connect, and to come back once the server listens again. */
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    /** A server that starts fast: its heap is not touched in full at start-up, so a restart takes what a JVM takes. */
    static final List<String> SERVER_JVM = List.of("-Xmx512m", LoadRun.DEFAULT_GC,
            "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");

    enum Jitters { none, full, both }

    @Option(names = "--clients", description = "Reconnecting clients (default: ${DEFAULT-VALUE}).")
    int clients = 300;

    @Option(names = "--down", description = "Seconds from the kill to the new server's start (default: ${DEFAULT-VALUE}).")
    double downSeconds = 6;

    @Option(names = "--initial", description = "The backoff's first ceiling, in ms (default: ${DEFAULT-VALUE}, as Backoff.DEFAULT).")
    long initialMillis = Backoff.DEFAULT.initial().toMillis();

    @Option(names = "--cap", description = "The backoff's cap, in ms (default: ${DEFAULT-VALUE}, as Backoff.DEFAULT).")
    long capMillis = Backoff.DEFAULT.cap().toMillis();

    @Option(names = "--jitter", description = "none, full or both (default: ${DEFAULT-VALUE}: none, then full).")
    Jitters jitter = Jitters.both;

    @Option(names = "--seed", description = "Seed of the clients' jitter (default: a new one, printed).")
    Long seed;

    @Option(names = "--lab", description = "Also write the charts and tables into labs/step04/.")
    boolean lab;

    private final PrintStream out = System.out;

    @Override
    public Integer call() throws Exception {
        if (clients < 1 || downSeconds < 0 || initialMillis < 1 || capMillis < initialMillis) {
            throw new IllegalArgumentException("need --clients >= 1, --down >= 0 and 1 <= --initial <= --cap");
        }
        long jitterSeed = seed != null ? seed : System.nanoTime();
        List<HerdReport.Run> runs = new ArrayList<>();
        for (Backoff.Jitter each : jitter == Jitters.both ? List.of(Backoff.Jitter.NONE, Backoff.Jitter.FULL)
                : List.of(jitter == Jitters.none ? Backoff.Jitter.NONE : Backoff.Jitter.FULL)) {
            Backoff backoff = new Backoff(Duration.ofMillis(initialMillis), Duration.ofMillis(capMillis), each);
            String name = each == Backoff.Jitter.NONE ? "herd-no-jitter" : "herd-full-jitter";
            String title = each == Backoff.Jitter.NONE ? "No jitter" : "Full jitter";
            runs.add(new HerdReport.Run(name, title, run(backoff, jitterSeed)));
        }
        out.println();
        out.print(HerdReport.markdown(runs));
        out.printf(Locale.ROOT, "%nJitter seed %d; server JVM options %s%n", jitterSeed, String.join(" ", SERVER_JVM));
        Path dir = Path.of("target", "loadtest");
        HerdReport.write(runs, dir);
        out.println("Written: " + dir + "/herd-*.csv, herd-*.png, herd.md, herd-summary.csv");
        if (lab) {
            Path labDir = Path.of("labs", "step04");
            HerdReport.write(runs, labDir);
            out.println("Written: " + labDir + "/herd-*.csv, herd-*.png, herd.md, herd-summary.csv");
        }
        return 0;
    }

    private Herd.Result run(Backoff backoff, long jitterSeed) throws Exception {
        out.printf(Locale.ROOT, "herd: %,d clients, backoff %s, server down %.1f s%n", clients, HerdReport.backoff(backoff),
                downSeconds);
        try (Herd herd = new Herd(clients, backoff, SERVER_JVM, jitterSeed)) {
            herd.start();
            await(herd::allOpen, "every client connected", () -> "");
            out.printf("  %,d clients connected to port %d; killing the server (SIGKILL)%n", clients, herd.port());
            herd.kill();
            // The outage is a length of time, not a condition: wait it out on the clock.
            long restartAt = herd.killedAtNanos() + (long) (downSeconds * 1e9);
            for (long wait; (wait = restartAt - System.nanoTime()) > 0; ) {
                TimeUnit.NANOSECONDS.sleep(Math.min(wait, TimeUnit.SECONDS.toNanos(1)));
                progress(herd);
            }
            herd.restart();
            out.printf(Locale.ROOT, "  new server ready %.2f s after the kill%n",
                    (System.nanoTime() - herd.killedAtNanos()) / 1e9);
            await(herd::allBack, "every client back", () -> progress(herd));
            Herd.Result result = herd.result();
            out.printf(Locale.ROOT, "  every client back %.2f s after the kill, %.2f s after its port accepted again%n",
                    result.allBackMs() / 1000, (result.allBackMs() - result.listeningMs()) / 1000);
            return result;
        }
    }

    private String progress(Herd herd) {
        Herd.Result so = herd.result();
        String line = String.format(Locale.ROOT, "  t=%5.1fs  %,6d attempts so far, %,d of %,d clients back",
                (System.nanoTime() - herd.killedAtNanos()) / 1e9, so.attempts().size(), herd.back(), clients);
        out.println(line);
        return line;
    }

    /** Polls {@code done} every 100 ms, printing progress every second, for at most {@link #PATIENCE}. */
    private void await(BooleanSupplier done, String what, java.util.function.Supplier<String> progress)
            throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        int polls = 0;
        while (!done.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("not " + what + " within " + PATIENCE.toSeconds() + " s");
            }
            Thread.sleep(100); // a progress poll, not a test waiting
            if (++polls % 10 == 0) {
                progress.get();
            }
        }
    }
}
