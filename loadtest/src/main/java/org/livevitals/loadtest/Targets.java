package org.livevitals.loadtest;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * The course's performance targets, checked against one sitting's results, so that every verdict in
 * labs/performance.md comes from figures measured side by side and not from runs of different days.
 *
 * <p>Two kinds of comparison:
 * <ul>
 *   <li>each server against the raw TCP baseline ({@code tcp}) of the same sitting: CPU per delivery
 *       in {@code ward} and {@code crowd}, p99 in {@code crowd}, the highest sustained load in
 *       {@code peak}; and, in {@code idle}, all the memory an idle connection takes (heap after a full
 *       GC plus resident memory outside the heap) against a fixed limit;</li>
 *   <li>each later lab's server against the server it is built on ({@link #BUILDS_ON}): the feature it
 *       adds may cost at most a tenth more CPU per delivery, and nothing may be lost.</li>
 * </ul>
 * A comparison whose other side is not in the sitting is left out rather than guessed.
 */
final class Targets {

    static final double CPU_RATIO_LIMIT = 1.2;
    static final double CROWD_P99_RATIO_LIMIT = 1.05;
    /** Node.js {@code ws}'s figure for the same idle dashboards: 8 KB, heap and resident memory together. */
    static final long IDLE_MEMORY_LIMIT_BYTES = 8 * 1024;
    static final double PEAK_RATIO_LIMIT = 0.9;
    static final double FEATURE_CPU_LIMIT = 1.1;

    /** Which server each later lab's server adds its feature to. */
    static final Map<String, String> BUILDS_ON = builtOn();

    private static Map<String, String> builtOn() {
        Map<String, String> base = new LinkedHashMap<>();
        base.put("resume", "websocket");                                // Lab 4: numbering, history, heartbeats
        base.put("secure", "resume");                                   // Lab 5: sign-in, roles, alerts
        base.put("single-node", "secure");                              // Lab 6: the backplane, in memory
        base.put(ServersUnderTest.SINGLE_NODE_RECORD, "single-node");   // Lab 6: the record in PostgreSQL
        base.put(ServersUnderTest.CLUSTER, "single-node");              // Lab 6: two nodes on Redis
        return Map.copyOf(base);
    }

    /** One target, one server: what was measured, against what limit, and whether it held. */
    record Check(String target, String server, String measured, String limit, boolean met) {}

    private Targets() {}

    /**
     * The checks that apply to {@code scenario}'s results.
     *
     * @param sustained for {@code peak}: each server's highest sustained deliveries per second
     */
    static List<Check> check(String scenario, List<RunResult> results, Map<String, Double> sustained) {
        List<Check> checks = new ArrayList<>();
        Optional<RunResult> tcp = find(results, "tcp");
        switch (scenario) {
            case "idle" -> {
                for (RunResult r : results) {
                    // Resident memory that shrank while the dashboards connected is the process giving
                    // pages back, not connections costing less than nothing: it counts as 0, not less.
                    long rss = Math.max(0, r.rssBytesPerConnection());
                    long all = r.heapBytesPerConnection() + rss;
                    String parts = rss == r.rssBytesPerConnection()
                            ? String.format(Locale.ROOT, "(%,d + %,d)", r.heapBytesPerConnection(), rss)
                            : String.format(Locale.ROOT, "(%,d + 0; RSS measured %,d)", r.heapBytesPerConnection(),
                                    r.rssBytesPerConnection());
                    checks.add(new Check("memory per idle connection (heap + RSS)", r.mode(),
                            String.format(Locale.ROOT, "%,d B %s", all, parts),
                            String.format(Locale.ROOT, "≤ %,d B", IDLE_MEMORY_LIMIT_BYTES), all <= IDLE_MEMORY_LIMIT_BYTES));
                }
            }
            case "ward", "crowd" -> {
                tcp.ifPresent(base -> {
                    for (RunResult r : results) {
                        if (r != base) {
                            checks.add(atMost("CPU per delivery against raw TCP", r, base, RunResult::serverCpuMicrosPerDelivery,
                                    "µs", CPU_RATIO_LIMIT));
                        }
                    }
                    if (scenario.equals("crowd")) {
                        for (RunResult r : results) {
                            if (r != base) {
                                checks.add(atMost("p99 against raw TCP", r, base, run -> run.fromSent().p99(), "ms",
                                        CROWD_P99_RATIO_LIMIT));
                            }
                        }
                    }
                });
                for (RunResult r : results) {
                    String baseMode = BUILDS_ON.get(r.mode());
                    find(results, baseMode).ifPresent(base -> checks.add(atMost("CPU per delivery against " + baseMode
                            + ", nothing lost", r, base, RunResult::serverCpuMicrosPerDelivery, "µs", FEATURE_CPU_LIMIT)));
                }
            }
            case "peak" -> {
                Double tcpPeak = sustained.get("tcp");
                if (tcpPeak != null) {
                    String limit = String.format(Locale.ROOT, "≥ %.2f ×", PEAK_RATIO_LIMIT);
                    sustained.forEach((mode, peak) -> {
                        if (mode.equals("tcp")) {
                            return;
                        }
                        if (tcpPeak <= 0) {
                            checks.add(new Check("highest sustained load against raw TCP", mode,
                                    "not comparable: raw TCP sustained no step", limit, false));
                            return;
                        }
                        double ratio = asPrinted(peak / tcpPeak);
                        checks.add(new Check("highest sustained load against raw TCP", mode,
                                String.format(Locale.ROOT, "%.2f × (%,.0f / %,.0f per s)", ratio, peak, tcpPeak),
                                limit, ratio >= PEAK_RATIO_LIMIT));
                    });
                }
            }
            default -> { }
        }
        return checks;
    }

    /**
     * {@code r}'s figure against {@code base}'s, at most {@code limit} times it, with nothing lost. A
     * server that lost deliveries fails whatever its ratio (a server that delivered nothing would
     * otherwise cost nothing per delivery), and a baseline that delivered nothing compares with nothing.
     */
    private static Check atMost(String target, RunResult r, RunResult base, ToDoubleFunction<RunResult> figure,
            String unit, double limit) {
        String limitText = String.format(Locale.ROOT, "≤ %.2f ×", limit);
        double value = figure.applyAsDouble(r);
        double baseline = figure.applyAsDouble(base);
        if (!base.lossless() || baseline <= 0) {
            return new Check(target, r.mode(), "not comparable: " + base.mode() + " lost deliveries or measured nothing",
                    limitText, false);
        }
        double ratio = asPrinted(value / baseline);
        String measured = String.format(Locale.ROOT, "%.2f × (%.2f / %.2f %s)", ratio, value, baseline, unit);
        if (!r.lossless()) {
            measured += String.format(Locale.ROOT, ", %,d lost, %,d duplicated", r.lost(), r.duplicates());
        }
        return new Check(target, r.mode(), measured, limitText, r.lossless() && ratio <= limit);
    }

    /**
     * A ratio as the table prints it, to two decimals: every verdict is judged on it, because a verdict
     * that disagrees with its own figure helps no one, and a single sitting's noise is far larger than
     * the rounding.
     */
    static double asPrinted(double ratio) {
        return Math.round(ratio * 100) / 100.0;
    }

    /** A server's first run in the sitting: a server named twice is compared by its first run. */
    private static Optional<RunResult> find(List<RunResult> results, String mode) {
        return results.stream().filter(r -> r.mode().equals(mode)).findFirst();
    }

    /** The checks as a table for the lab, or nothing when no target applies. */
    static String markdown(List<Check> checks) {
        if (checks.isEmpty()) {
            return "";
        }
        StringBuilder md = new StringBuilder("| target | server | measured | limit | met |\n|---|---|--:|--:|---|\n");
        for (Check c : checks) {
            md.append("| ").append(c.target()).append(" | ").append(c.server()).append(" | ").append(c.measured())
                    .append(" | ").append(c.limit()).append(" | ").append(c.met() ? "yes" : "**no**").append(" |\n");
        }
        return md.toString();
    }
}
