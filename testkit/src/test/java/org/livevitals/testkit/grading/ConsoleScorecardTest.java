package org.livevitals.testkit.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.livevitals.testkit.grading.LabResult;
import org.livevitals.testkit.grading.LabResult.Result;
import org.livevitals.testkit.grading.LabResult.Row;
import org.livevitals.testkit.grading.ScenarioResults.Status;
import org.livevitals.testkit.grading.ScenarioResults.TestResult;

/** The console's block says on its own what failed, what was skipped and why. */
class ConsoleScorecardTest {

    @Test
    void theBlockCountsEachLabAndGivesTheReasonOfEveryRowThatDidNotPass() {
        LabResult lab = new LabResult(3, "Broadcast", List.of(
                new Row("L3-01", "one reading", "every dashboard", Result.PASS, ""),
                new Row("L3-05", "slow dashboard", "evicted", Result.FAIL, "Lab 3, exercise 2: evict a slow dashboard (not done yet)"),
                new Row("L3-09", "the page", "tiles", Result.SKIPPED, "Chromium not found: sudo apt-get install chromium chromium-driver")),
                List.of(new TestResult(null, "FanOutTest > lanes", Status.FAILED, "expected 2 but was 1")),
                List.of("L3-99 is named by a test but no row has it"));

        assertThat(ConsoleScorecard.render(List.of(lab)).lines()).containsExactly(
                "-".repeat(60),
                "Scorecard (target/grading-report.md)",
                "  Lab 3 (Broadcast): 1/3 scenarios pass (1 fail, 1 skipped), 1 other test fails, 1 doc-sync problem",
                "    fail    L3-05 (slow dashboard): Lab 3, exercise 2: evict a slow dashboard (not done yet)",
                "    skipped L3-09 (the page): Chromium not found: sudo apt-get install chromium chromium-driver",
                "    other test failed: FanOutTest > lanes: expected 2 but was 1",
                "    doc-sync: L3-99 is named by a test but no row has it",
                "-".repeat(60));
    }

    @Test
    void aRunThatPickedTestsByClassCountsTheTestsThatPassed() {
        LabResult lab = new LabResult(1, "Raw sockets", List.of(), List.of(), List.of(), 5);

        assertThat(ConsoleScorecard.render(List.of(lab)))
                .contains("  Lab 1 (Raw sockets): 0/0 scenarios pass (0 fail, 0 skipped), 5 other tests pass");
    }

    @Test
    void aBuildWhereNoLabRanSaysSo() {
        assertThat(ConsoleScorecard.render(List.of())).contains("No lab's scenarios ran in this build.");
    }
}
