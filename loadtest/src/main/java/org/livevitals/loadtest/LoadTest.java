package org.livevitals.loadtest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.livevitals.rawsockets.Launcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The load generator's command line: one scenario per run, against the WebSocket server, the raw
 * TCP baseline, or both in turn.
 *
 * <pre>
 * java -jar loadtest/target/loadtest.jar ward
 * java -jar loadtest/target/loadtest.jar crowd --server websocket
 * java -jar loadtest/target/loadtest.jar custom --connections 200 --patients 10 --rate 5 --seconds 10
 * </pre>
 *
 * <p>It exits with status 1 when any delivery was lost or duplicated.
 */
@Command(name = "loadtest", mixinStandardHelpOptions = true, version = "Live Vitals load test",
        description = "Measure delivery latency and cost of the broadcast server (labs/performance.md).")
public final class LoadTest implements Callable<Integer> {

    /** The standard scenarios of labs/performance.md. */
    enum Scenario {
        idle(5_000, 0, 0, 0, 0),
        ward(1_000, 50, 1, 20, 3),
        crowd(10_000, 5, 1, 20, 3),
        peak(1_000, 50, 1, 10, 3),
        smoke(20, 5, 10, 2, 0),
        custom(100, 10, 1, 10, 3);

        final int connections;
        final int patients;
        final double rateHz;
        final int seconds;
        /** Published before the measured window, for the JIT to compile the send path. */
        final int warmupSeconds;

        Scenario(int connections, int patients, double rateHz, int seconds, int warmupSeconds) {
            this.connections = connections;
            this.patients = patients;
            this.rateHz = rateHz;
            this.seconds = seconds;
            this.warmupSeconds = warmupSeconds;
        }
    }

    @Parameters(index = "0", description = "Scenario: ${COMPLETION-CANDIDATES}.")
    Scenario scenario;

    @Option(names = "--server", description = "websocket, tcp, both (the two), or websocket-core (a comparison: Jetty's core API; default: ${DEFAULT-VALUE}).")
    String server = "both";

    @Option(names = "--connections", description = "Override the scenario's connections.")
    Integer connections;

    @Option(names = "--patients", description = "Override the scenario's patients.")
    Integer patients;

    @Option(names = "--rate", description = "Override the readings per second per patient.")
    Double rate;

    @Option(names = "--seconds", description = "Override how long to publish.")
    Integer seconds;

    @Option(names = "--warmup", description = "Override the seconds published, counted but not timed, before the measured window.")
    Integer warmup;

    @Option(names = "--server-jvm", split = " ",
            description = "More JVM options for the server under test, e.g. \"-XX:+UseParallelGC\".")
    List<String> serverJvm = new ArrayList<>();

    @Option(names = "--name", description = "Name the result files and the block in labs/performance.md (default: the scenario's name).")
    String name;

    @Option(names = "--lab", description = "Also write the results into labs/performance/ and the table in labs/performance.md.")
    boolean lab;

    private LoadRun.Plan plan(String mode, int planPatients) {
        return new LoadRun.Plan(scenario.name(), mode,
                connections != null ? connections : scenario.connections, planPatients,
                rate != null ? rate : scenario.rateHz,
                seconds != null ? seconds : scenario.seconds,
                warmup != null ? warmup : scenario.warmupSeconds, List.of());
    }

    private static RunResult run(LoadRun runner, LoadRun.Plan plan) throws Exception {
        System.out.printf("%s against %s: %,d connections, %d patients at %.1f Hz for %d s after %d s of warm-up (%,.0f deliveries/s)%n",
                plan.scenario(), plan.mode(), plan.connections(), plan.patients(), plan.rateHz(), plan.seconds(),
                plan.warmupSeconds(), plan.deliveriesPerSecond());
        return runner.run(plan);
    }

    /** Raises the load step by step until p99 passes the limit or a delivery is lost. */
    private List<RunResult> peak(LoadRun runner, String mode, List<String> findings) throws Exception {
        List<RunResult> steps = new ArrayList<>();
        double sustained = 0;
        for (int stepPatients : PEAK_PATIENTS) {
            RunResult step = run(runner, plan(mode, stepPatients));
            steps.add(step);
            if (!step.lossless() || step.fromDue().p99() > PEAK_P99_LIMIT_MS) {
                break;
            }
            sustained = step.deliveriesPerSecondExpected();
        }
        String finding = String.format(java.util.Locale.ROOT,
                "peak %s: highest sustained load %,.0f deliveries/s (p99 from due <= %.0f ms, nothing lost)",
                mode, sustained, PEAK_P99_LIMIT_MS);
        System.out.println(finding);
        findings.add("**" + finding + "**");
        return steps;
    }

    /** When and where a result was measured: figures mean little without it. */
    private static String machine(LoadRun runner) {
        return String.format(java.util.Locale.ROOT, "Measured %s on %d cores, Java %s (%s), generator and server on the"
                + " same machine; server JVM options `%s`.",
                java.time.LocalDate.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), String.join(" ", runner.serverJvm()));
    }

    public static void main(String[] args) {
        Launcher.launch(new LoadTest(), args);
    }

    /** Peak: each step adds patients (1,000 connections at 1 Hz: 10,000/s, 25,000/s, 50,000/s, ...). */
    static final int[] PEAK_PATIENTS = {10, 25, 50, 75, 100, 150, 200, 300, 400};
    /** Where a step stops counting as sustained. */
    static final double PEAK_P99_LIMIT_MS = 200;

    @Override
    public Integer call() throws Exception {
        List<String> modes = server.equals("both") ? List.of("websocket", "tcp") : List.of(server);
        List<RunResult> results = new ArrayList<>();
        List<String> findings = new ArrayList<>();
        LoadRun runner = new LoadRun(System.out, serverJvm);
        for (String mode : modes) {
            if (scenario == Scenario.peak) {
                results.addAll(peak(runner, mode, findings));
            } else {
                results.add(run(runner, plan(mode, patients != null ? patients : scenario.patients)));
            }
        }
        Report.print(results, System.out);
        String resultName = name != null ? name : scenario.name();
        Path dir = Path.of("target", "loadtest");
        Report.write(resultName, results, dir);
        System.out.println("\nWritten: " + dir.resolve(resultName + ".csv") + ", .md and .png");
        if (lab) {
            Report.write(resultName, results, Path.of("labs", "performance"));
            Report.updateLab(Path.of("labs", "performance.md"), resultName,
                    machine(runner) + (findings.isEmpty() ? "" : "\n\n" + String.join("  \n", findings)), results);
            System.out.println("Updated labs/performance.md and labs/performance/" + resultName + ".*");
        }
        // In peak, the step that loses deliveries is the finding, not a failure of the run.
        boolean lossless = scenario == Scenario.peak || results.stream().allMatch(RunResult::lossless);
        if (!lossless) {
            System.out.println("DELIVERIES LOST OR DUPLICATED: see the lost and dup columns.");
        }
        return lossless ? 0 : 1;
    }
}
