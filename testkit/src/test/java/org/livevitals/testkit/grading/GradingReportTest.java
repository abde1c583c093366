package org.livevitals.testkit.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livevitals.testkit.grading.LabResult.Result;
import org.livevitals.testkit.grading.LabResult.Row;
import org.livevitals.testkit.grading.ScenarioResults.Status;
import org.livevitals.testkit.grading.ScenarioResults.TestResult;

class GradingReportTest {

    private static final String BUILD = "20250101120000000";

    @TempDir
    Path root;

    @BeforeEach
    void aLabWithThreeScenarios() throws IOException {
        Files.createDirectories(root.resolve("labs"));
        Files.writeString(root.resolve("labs/step01-raw-sockets.md"), """
                # Raw sockets

                ## Testing scenarios

                | ID | Case | Expected |
                |---|---|---|
                | L1-01 | `PING` | `PONG` |
                | L1-02 | `a \\| b` | `ERR` |
                | L1-03 | 3 clients | each gets its own reply |
                """);
    }

    @Test
    void gradesEachRowFromItsTests() throws IOException {
        record(BUILD, null, null,
                new TestResult("L1-01", "A > ping", Status.PASSED, null),
                new TestResult("L1-02", "A > garbage", Status.SKIPPED, "needs Redis"),
                new TestResult("L1-03", "A > [1]", Status.PASSED, null),
                new TestResult("L1-03", "A > [2]", Status.FAILED, "expected 3 replies but got 2"));

        LabResult lab = GradingReport.collect(root, BUILD).lab(1).orElseThrow();

        assertThat(lab.rows()).extracting(Row::id, Row::result, Row::reason).containsExactly(
                tuple("L1-01", Result.PASS, ""),
                tuple("L1-02", Result.SKIPPED, "needs Redis"),
                tuple("L1-03", Result.FAIL, "expected 3 replies but got 2"));
        assertThat(lab.summary()).isEqualTo("Lab 1 (Raw sockets): 1/3 scenarios pass (1 fail, 1 skipped)");
    }

    @Test
    void ignoresResultsFromAnEarlierBuild() throws IOException {
        record("20240101000000000", null, null, new TestResult("L1-01", "A > ping", Status.PASSED, null));

        GradingReport report = GradingReport.collect(root, BUILD);

        assertThat(report.labs()).isEmpty();
        assertThat(report.toMarkdown()).doesNotContain("L1-01").contains("No lab's tests ran in this build.");
    }

    @Test
    void aRowWithNoResultFails() throws IOException {
        record(BUILD, null, null, new TestResult("L1-01", "A > ping", Status.PASSED, null));

        LabResult lab = GradingReport.collect(root, BUILD).lab(1).orElseThrow();

        assertThat(lab.failedRows()).extracting(Row::id, Row::reason).containsExactly(
                tuple("L1-02", "no result recorded: no test ran for this scenario"),
                tuple("L1-03", "no result recorded: no test ran for this scenario"));
    }

    @Test
    void leavesOutRowsTheRunsFilterExcluded() throws IOException {
        record(BUILD, null, "L1-02", new TestResult("L1-02", "A > garbage", Status.PASSED, null));

        LabResult lab = GradingReport.collect(root, BUILD).lab(1).orElseThrow();

        assertThat(lab.rows()).extracting(Row::id).containsExactly("L1-02");
        assertThat(lab.summary()).isEqualTo("Lab 1 (Raw sockets): 1/1 scenarios pass (0 fail, 0 skipped)");
    }

    @Test
    void countsFailingTestsThatCheckNoScenario() throws IOException {
        record(BUILD, null, null,
                new TestResult(null, "A > helper works", Status.FAILED, "boom"),
                new TestResult(null, "A > other helper", Status.PASSED, null));

        LabResult lab = GradingReport.collect(root, BUILD).lab(1).orElseThrow();

        assertThat(lab.failedOtherTests()).extracting(TestResult::name).containsExactly("A > helper works");
        assertThat(lab.summary()).endsWith(", 1 other test fails");
    }

    @Test
    void writesTheReportWithPipesEscaped() throws IOException {
        record(BUILD, null, null,
                new TestResult("L1-01", "A > ping", Status.PASSED, null),
                new TestResult("L1-02", "A > garbage", Status.FAILED, "expected ERR | got OK"));

        Path file = GradingReport.collect(root, BUILD).write();

        assertThat(file).isEqualTo(root.resolve("target/grading-report.md"));
        assertThat(Files.readString(file))
                .contains("Build `" + BUILD + "`")
                .contains("| Lab 1 (Raw sockets) | 1/3 |")
                .contains("| Lab | ID | Case | Expected | Result | Reason |")
                .contains("| Lab 1 (Raw sockets) | L1-01 | `PING` | `PONG` | pass |  |")
                .contains("| Lab 1 (Raw sockets) | L1-02 | `a \\| b` | `ERR` | fail | expected ERR \\| got OK |");
    }

    @Test
    void listsTheDocSyncProblemsSavedInThisBuild() throws IOException {
        record(BUILD, null, null, new TestResult("L1-01", "A > ping", Status.PASSED, null));
        DocSync.save(root.resolve("step01-raw-sockets"), BUILD, List.of("L1-02 is a row of ... but no test ..."));

        GradingReport report = GradingReport.collect(root, BUILD);

        assertThat(report.labs()).extracting(LabResult::summary).containsExactly("Lab 1 (Raw sockets): 1/3 scenarios pass (2 fail, 0 skipped), 1 doc-sync problem");
        assertThat(report.toMarkdown()).contains("| Lab 1 (Raw sockets) | L1-02 is a row of ... but no test ... |");
    }

    private void record(String build, String lab, String scenario, TestResult... tests) throws IOException {
        new ScenarioResults(build, lab, scenario, null, List.of(tests))
                .write(root.resolve("step01-raw-sockets").resolve(GradingReport.RESULTS_FILE));
    }
}
