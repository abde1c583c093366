package org.livevitals.testkit.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livevitals.testkit.grading.ScenarioResults.Status;
import org.livevitals.testkit.grading.ScenarioResults.TestResult;

/**
 * The module here has compiled no test classes, so its one row has no test: a doc-sync problem.
 * How the build ends then depends on {@code --grade}.
 */
class ScorecardMainTest {

    private static final String BUILD = "20250101120000000";

    @TempDir
    Path root;

    Path module;

    @BeforeEach
    void aLabWhoseRowHasNoTest() throws IOException {
        module = Files.createDirectories(root.resolve("step01-raw-sockets"));
        Files.createDirectories(module.resolve("target/test-classes"));
        Files.createDirectories(root.resolve("labs"));
        Files.writeString(root.resolve("labs/step01-raw-sockets.md"), """
                # Raw sockets
                ## Testing scenarios
                | ID | Case | Expected |
                |---|---|---|
                | L1-01 | `PING` | `PONG` |
                """);
        new ScenarioResults(BUILD, null, null, null, List.of(new TestResult(null, "A > b", Status.PASSED, null)))
                .write(module.resolve(GradingReport.RESULTS_FILE));
    }

    @Test
    void failsTheBuildWhenTheTableAndTestsDisagree() {
        assertThatThrownBy(() -> main("false"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("L1-01 is a row of labs/step01-raw-sockets.md but no test carries @Scenario(\"L1-01\")");
    }

    @Test
    void gradeModeWritesTheReportInsteadOfFailing() throws IOException {
        assertThatCode(() -> main("true")).doesNotThrowAnyException();

        assertThat(Files.readString(root.resolve(GradingReport.REPORT_FILE)))
                .contains("| Lab 1 (Raw sockets) | L1-01 | `PING` | `PONG` | fail | no result recorded")
                .contains("## Doc-sync problems");
    }

    @Test
    void aLabWhoseTestsDidNotRunInThisBuildDoesNotFailTheBuildForTestFailures() throws IOException {
        Files.delete(module.resolve("target/test-classes"));
        Files.delete(module.resolve(GradingReport.RESULTS_FILE));

        assertThatCode(() -> main("false")).doesNotThrowAnyException();
    }

    @Test
    void aModuleWithoutALabFileHasNothingToGrade() throws IOException {
        Files.delete(root.resolve("labs/step01-raw-sockets.md"));

        assertThatCode(() -> main("false")).doesNotThrowAnyException();
        assertThat(root.resolve(GradingReport.REPORT_FILE)).doesNotExist();
    }

    @Test
    void aFilterNamingALabTheCourseDoesNotHaveFailsTheBuildEvenWhenGrading() {
        assertThatThrownBy(() -> ScorecardMain.run(root, module, BUILD, true, ScenarioFilter.of("9", null), scorecards::add))
                .hasMessage("-Dlab=9: there is no such lab; the labs are 1 (a comma list such as -Dlab=1,3 runs several)");
    }

    @Test
    void theScorecardBlockIsHandedOverForTheEndOfTheBuildNotPrintedHere() throws IOException {
        main("true");

        assertThat(scorecards).singleElement().asString()
                .contains("Lab 1 (Raw sockets): 0/1 scenarios pass (1 fail, 0 skipped), 1 doc-sync problem")
                .contains("fail    L1-01 (`PING`): no result recorded");
    }

    private final List<String> scorecards = new ArrayList<>();

    private void main(String grade) throws IOException {
        ScorecardMain.run(root, module, BUILD, Boolean.parseBoolean(grade), ScenarioFilter.of(null, null), scorecards::add);
    }
}
