package org.livevitals.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The verdicts labs/performance.md prints under each sitting's table come from the figures beside them. */
class TargetsTest {

    private static RunResult run(String scenario, String mode, double microsPerDelivery, double p99, long lost,
            long heap, long rss) {
        RunResult.Percentiles latency = new RunResult.Percentiles(p99 / 2, p99, p99, p99);
        long expected = 1_000;
        return new RunResult(scenario, mode, 1_000, 1, expected, expected - lost, lost, 0, 50_000, 50_000, latency,
                latency, 50, microsPerDelivery, 40, heap, rss, List.of());
    }

    @Test
    void wardComparesEveryServerWithRawTcpAndEachLabWithTheOneBeforeIt() {
        List<RunResult> results = List.of(
                run("ward", "websocket", 11.9, 10, 0, 0, 0),   // 1.19 × tcp: met
                run("ward", "resume", 13.2, 10, 0, 0, 0),      // 1.32 × tcp; 1.11 × websocket: neither met
                run("ward", "secure", 14.0, 10, 3, 0, 0),      // 1.06 × resume, but 3 lost
                run("ward", "tcp", 10.0, 10, 0, 0, 0));

        Map<String, Boolean> verdicts = verdicts(Targets.check("ward", results, Map.of()));

        assertThat(verdicts).containsEntry("CPU per delivery against raw TCP/websocket", true)
                .containsEntry("CPU per delivery against raw TCP/resume", false)
                .containsEntry("CPU per delivery against websocket, nothing lost/resume", false)
                .containsEntry("CPU per delivery against resume, nothing lost/secure", false)
                .doesNotContainKey("p99 against raw TCP/websocket")          // p99 is a crowd target
                .doesNotContainKey("CPU per delivery against raw TCP/tcp");
    }

    @Test
    void theVerdictAgreesWithTheRatioAsPrinted() {
        List<RunResult> results = List.of(run("ward", "websocket", 10.10, 10, 0, 0, 0), run("ward", "tcp", 8.39, 10, 0, 0, 0));

        List<Targets.Check> checks = Targets.check("ward", results, Map.of());

        assertThat(checks.get(0).measured()).startsWith("1.20 ×");
        assertThat(checks.get(0).met()).isTrue();
    }

    @Test
    void aServerThatDeliveredNothingMeetsNoTargetAndABaselineThatDeliveredNothingComparesWithNothing() {
        RunResult silent = new RunResult("ward", "websocket", 1_000, 1, 1_000, 0, 1_000, 0, 50_000, 0,
                new RunResult.Percentiles(0, 0, 0, 0), new RunResult.Percentiles(0, 0, 0, 0), 10, 0, 40, 0, 0, List.of());

        List<Targets.Check> againstTcp = Targets.check("ward", List.of(silent, run("ward", "tcp", 8, 10, 0, 0, 0)), Map.of());
        assertThat(againstTcp).singleElement().satisfies(check -> {
            assertThat(check.met()).isFalse();
            assertThat(check.measured()).contains("1,000 lost");
        });

        List<Targets.Check> tcpSilent = Targets.check("ward",
                List.of(run("ward", "websocket", 9, 10, 0, 0, 0), run("ward", "tcp", 0, 0, 1_000, 0, 0)), Map.of());
        assertThat(tcpSilent).singleElement().satisfies(check -> {
            assertThat(check.met()).isFalse();
            assertThat(check.measured()).startsWith("not comparable");
        });

        Map<String, Double> sustained = new LinkedHashMap<>();
        sustained.put("websocket", 100_000.0);
        sustained.put("tcp", 0.0);
        assertThat(Targets.check("peak", List.of(), sustained)).singleElement()
                .satisfies(check -> assertThat(check.measured()).startsWith("not comparable"));
    }

    @Test
    void crowdAlsoComparesP99() {
        List<RunResult> results = List.of(run("crowd", "websocket", 11, 104, 0, 0, 0), run("crowd", "tcp", 10, 100, 0, 0, 0));

        assertThat(verdicts(Targets.check("crowd", results, Map.of())))
                .containsEntry("p99 against raw TCP/websocket", true)
                .containsEntry("CPU per delivery against raw TCP/websocket", true);
        assertThat(verdicts(Targets.check("crowd", List.of(run("crowd", "websocket", 11, 106, 0, 0, 0),
                run("crowd", "tcp", 10, 100, 0, 0, 0)), Map.of())))
                .containsEntry("p99 against raw TCP/websocket", false);
    }

    @Test
    void withoutRawTcpInTheSittingNothingIsComparedWithIt() {
        List<RunResult> results = List.of(run("ward", "websocket", 10, 10, 0, 0, 0), run("ward", "resume", 10.5, 10, 0, 0, 0));

        assertThat(verdicts(Targets.check("ward", results, Map.of())))
                .containsOnlyKeys("CPU per delivery against websocket, nothing lost/resume")
                .containsEntry("CPU per delivery against websocket, nothing lost/resume", true);
    }

    @Test
    void idleCountsTheHeapAndTheResidentMemoryTogether() {
        List<RunResult> results = List.of(run("idle", "websocket-core", 0, 0, 0, 3_730, 3_764),
                run("idle", "websocket", 0, 0, 0, 6_000, 3_000));

        assertThat(verdicts(Targets.check("idle", results, Map.of())))
                .containsEntry("memory per idle connection (heap + RSS)/websocket-core", true)
                .containsEntry("memory per idle connection (heap + RSS)/websocket", false);
    }

    @Test
    void residentMemoryThatShrankCountsAsNothingRatherThanLessThanNothing() {
        List<RunResult> results = List.of(run("idle", "websocket", 0, 0, 0, 9_000, -2_000));

        List<Targets.Check> checks = Targets.check("idle", results, Map.of());

        assertThat(checks).singleElement().satisfies(check -> {
            assertThat(check.met()).as("9,000 B of heap alone is over the limit").isFalse();
            assertThat(check.measured()).isEqualTo("9,000 B (9,000 + 0; RSS measured -2,000)");
        });
    }

    @Test
    void peakComparesTheHighestSustainedLoads() {
        Map<String, Double> sustained = new LinkedHashMap<>();
        sustained.put("websocket", 180_000.0);
        sustained.put("resume", 150_000.0);
        sustained.put("tcp", 200_000.0);

        assertThat(verdicts(Targets.check("peak", List.of(), sustained)))
                .containsOnlyKeys("highest sustained load against raw TCP/websocket", "highest sustained load against raw TCP/resume")
                .containsEntry("highest sustained load against raw TCP/websocket", true)
                .containsEntry("highest sustained load against raw TCP/resume", false);
    }

    @Test
    void theTableMarksAMissedTarget() {
        String table = Targets.markdown(List.of(new Targets.Check("t", "websocket", "1.30 ×", "≤ 1.20 ×", false)));

        assertThat(table).contains("| t | websocket | 1.30 × | ≤ 1.20 × | **no** |");
        assertThat(Targets.markdown(List.of())).isEmpty();
    }

    private static Map<String, Boolean> verdicts(List<Targets.Check> checks) {
        Map<String, Boolean> verdicts = new LinkedHashMap<>();
        checks.forEach(check -> verdicts.put(check.target() + "/" + check.server(), check.met()));
        return verdicts;
    }
}
