package org.livevitals.loadtest;

import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.livevitals.cli.Launcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine;

/**
 * The load generator's command line: one scenario per run, against the WebSocket server, the raw
 * TCP baseline, or both in turn; or Lab 4's or Lab 5's server, alone or beside Lab 3's; or Lab 6's, one
 * node alone or a cluster of two on Redis.
 *
 * <pre>
 * java -jar loadtest/target/loadtest.jar ward
 * java -jar loadtest/target/loadtest.jar crowd --server websocket
 * java -jar loadtest/target/loadtest.jar ward --server websocket,resume
 * java -jar loadtest/target/loadtest.jar ward --server websocket,resume,secure
 * java -jar loadtest/target/loadtest.jar ward --server single-node,cluster
 * java -jar loadtest/target/loadtest.jar ward --server single-node,single-node-record
 * java -jar loadtest/target/loadtest.jar custom --connections 200 --patients 10 --rate 5 --seconds 10
 * </pre>
 *
 * <p>It exits with status 1 when any delivery was lost or duplicated.
 */
@Command(name = "loadtest", mixinStandardHelpOptions = true, version = "Live Vitals load test",
        description = "Measure delivery latency and cost of the broadcast server (labs/performance.md).",
        subcommands = {HerdRun.class, HistoryMemory.class, RecordAbsorption.class})
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

        /** Its shape and length, for the help: {@code 1,000 connections, 50 patients at 1 Hz for 20 s (+3 s warm-up)}. */
        String shape() {
            String warmUp = warmupSeconds == 0 ? "" : " (+" + warmupSeconds + " s warm-up)";
            String rate = new DecimalFormat("0.##", DecimalFormatSymbols.getInstance(Locale.ROOT)).format(rateHz);
            String publishing = switch (this) {
                case idle -> "nothing published";
                case peak -> "steps at " + rate + " Hz, " + seconds + " s" + warmUp + " each";
                default -> patients + " patients at " + rate + " Hz for " + seconds + " s" + warmUp;
            };
            return String.format(Locale.ROOT, "%,d connections, %s", connections, publishing);
        }
    }

    /** The help's last section: every scenario's shape, from the scenarios themselves. */
    static String scenarioList() {
        StringBuilder list = new StringBuilder("%nScenarios (each against websocket, then tcp, unless --server names one):%n");
        for (Scenario each : Scenario.values()) {
            list.append(String.format(Locale.ROOT, "  %-7s %s", each.name(), each.shape())).append("%n");
        }
        return list.append("peak's steps are ").append(Arrays.stream(PEAK_PATIENTS).mapToObj(String::valueOf)
                        .collect(Collectors.joining(", ")))
                .append(" patients, until a step loses a delivery or its p99 from due passes ")
                .append(String.format(Locale.ROOT, "%.0f", PEAK_P99_LIMIT_MS))
                .append(" ms. custom is the one to change with --connections, --patients, --rate and --seconds.%n")
                .toString();
    }

    @Spec
    CommandSpec spec;

    // Optional to picocli only so that a command (herd, history) can be named instead: call() requires it.
    @Parameters(index = "0", arity = "0..1", description = "Scenario: ${COMPLETION-CANDIDATES}.")
    Scenario scenario;

    /** What {@code --server} accepts, besides {@code both}; a comma-separated list runs each in turn. */
    static final List<String> SERVERS = List.of("websocket", "tcp", "resume", "secure", "websocket-core", "single-node",
            ServersUnderTest.SINGLE_NODE_RECORD, ServersUnderTest.CLUSTER);

    @Option(names = "--server", description = "websocket (Lab 3's server), tcp, both (the two), resume (Lab 4's server:"
            + " numbered, with its history and heartbeats), secure (Lab 5's: every dashboard signed in with a ticket,"
            + " each reading sent to the sessions that may see its patient), single-node (Lab 6's node on its in-memory"
            + " backplane), single-node-record (the same with its record: every reading also written to an embedded"
            + " PostgreSQL, in batches, off the live path), cluster (Lab 6: an embedded Redis and two nodes, the dashboards and the patients split"
            + " between them), or websocket-core (a comparison: Jetty's core API); several in turn with commas,"
            + " for example single-node,cluster; all is every lab's server, then tcp (default: ${DEFAULT-VALUE}).")
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

    @Option(names = "--offer-deflate", description = "Every dashboard offers permessage-deflate in its handshake, as"
            + " browsers do, and inflates what comes compressed (default: they offer no extension).")
    boolean offerDeflate;

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
    private List<RunResult> peak(LoadRun runner, String mode, List<String> findings, Map<String, Double> sustainedByMode)
            throws Exception {
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
        sustainedByMode.put(mode, sustained);
        return steps;
    }

    /** When and where a result was measured: figures mean little without it. */
    static String machine(LoadRun runner) {
        return String.format(java.util.Locale.ROOT, "Measured %s on %d cores, Java %s (%s), generator and server on the"
                + " same machine; server JVM options `%s`.",
                java.time.LocalDate.now(), Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.arch"), String.join(" ", runner.serverJvm()));
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** {@link Launcher#commandLine}, with the scenarios' shapes at the end of the help. */
    static CommandLine commandLine() {
        CommandLine commandLine = Launcher.commandLine(new LoadTest());
        commandLine.getCommandSpec().usageMessage().footer(scenarioList());
        return commandLine;
    }

    /** {@code --server all}: every lab's server in the order the course builds them, then the raw TCP baseline. */
    static final List<String> EVERY_LAB = List.of("websocket", "resume", "secure", "single-node",
            ServersUnderTest.SINGLE_NODE_RECORD, ServersUnderTest.CLUSTER, "tcp");

    /** The servers {@code --server} names, in order: {@code both} is websocket then tcp; {@code all} is {@link #EVERY_LAB}. */
    List<String> modes(String server) {
        List<String> modes = new ArrayList<>();
        for (String each : server.split(",")) {
            String mode = each.trim();
            if (mode.equals("both")) {
                modes.addAll(List.of("websocket", "tcp"));
            } else if (mode.equals("all")) {
                modes.addAll(EVERY_LAB);
            } else if (SERVERS.contains(mode)) {
                modes.add(mode);
            } else {
                throw new CommandLine.ParameterException(spec.commandLine(), "Invalid value for option '--server': '" + mode
                        + "' is none of both, all, " + String.join(", ", SERVERS));
            }
        }
        return modes;
    }

    /** Peak: each step adds patients (1,000 connections at 1 Hz: 10,000/s, 25,000/s, 50,000/s, ...). */
    static final int[] PEAK_PATIENTS = {10, 25, 50, 75, 100, 150, 200, 300, 400};
    /** Where a step stops counting as sustained. */
    static final double PEAK_P99_LIMIT_MS = 200;

    @Override
    public Integer call() throws Exception {
        if (scenario == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Missing required parameter: '<scenario>'");
        }
        List<String> modes = modes(server);
        List<RunResult> results = new ArrayList<>();
        List<String> findings = new ArrayList<>();
        Map<String, Double> sustained = new LinkedHashMap<>();
        LoadRun runner = new LoadRun(System.out, serverJvm, offerDeflate);
        for (String mode : modes) {
            if (scenario == Scenario.peak) {
                results.addAll(peak(runner, mode, findings, sustained));
            } else {
                RunResult result = run(runner, plan(mode, patients != null ? patients : scenario.patients));
                results.add(result);
                result.notes().forEach(note -> findings.add(note.substring(0, 1).toUpperCase(Locale.ROOT) + note.substring(1) + "."));
            }
        }
        Report.print(results, System.out);
        results.stream().flatMap(result -> result.notes().stream()).forEach(System.out::println);
        String targets = Targets.markdown(Targets.check(scenario.name(), results, sustained));
        if (!targets.isEmpty()) {
            System.out.println("\nTargets (labs/performance.md), from this sitting's figures:\n\n" + targets);
        }
        String resultName = name != null ? name : scenario.name();
        Path dir = Path.of("target", "loadtest");
        Report.write(resultName, results, dir);
        System.out.println("\nWritten: " + dir.resolve(resultName + ".csv") + ", .md and .png");
        if (lab) {
            Report.write(resultName, results, Path.of("labs", "performance"));
            Report.updateLab(Path.of("labs", "performance.md"), resultName,
                    machine(runner) + (findings.isEmpty() ? "" : "\n\n" + String.join("  \n", findings)), results, targets);
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
