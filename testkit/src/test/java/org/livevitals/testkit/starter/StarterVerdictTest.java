package org.livevitals.testkit.starter;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.livevitals.testkit.grading.LabResult;
import org.livevitals.testkit.grading.LabResult.Result;
import org.livevitals.testkit.grading.LabResult.Row;

/**
 * The starter check's judgement. The planted cases are the ones it exists to catch: a test that
 * passes with the exercise stubbed out cannot fail, so it grades nothing.
 */
class StarterVerdictTest {

    private static final Map<String, String> FENCED = Map.of("L9-01", "Lab 9 exercise 1", "L9-02", "Lab 9 exercise 1");
    private static final Map<String, String> PROMISED = Map.of("L9-01", "labs/step09-demo.md exercise 1");

    private static LabResult lab(Row... rows) {
        return new LabResult(9, "Demo", Arrays.asList(rows), List.of(), List.of());
    }

    private static Row row(String id, Result result) {
        return new Row(id, "case", "expected", result, result == Result.PASS ? "" : "why");
    }

    private static final List<LabResult> SOLUTION =
            List.of(lab(row("L9-01", Result.PASS), row("L9-02", Result.PASS), row("L9-03", Result.PASS)));

    @Test
    void holdsWhenExerciseScenariosFailInTheStarterAndAllPassInTheSolution() {
        var starter = List.of(lab(row("L9-01", Result.FAIL), row("L9-02", Result.FAIL), row("L9-03", Result.PASS)));

        StarterVerdict verdict = StarterVerdict.of(FENCED, PROMISED, SOLUTION, starter);

        assertThat(verdict.problems()).isEmpty();
        assertThat(verdict.summaryLine()).isEqualTo(
                "starter check: 2 exercise scenarios fail in the starter; 3/3 scenarios pass in the solution");
    }

    @Test
    void plantedTestThatCannotFailIsNamed() {
        var starter = List.of(lab(row("L9-01", Result.FAIL), row("L9-02", Result.PASS), row("L9-03", Result.PASS)));

        StarterVerdict verdict = StarterVerdict.of(FENCED, PROMISED, SOLUTION, starter);

        assertThat(verdict.holds()).isFalse();
        assertThat(verdict.problems()).containsExactly(
                "L9-02 passes in the starter although Lab 9 exercise 1 is a stub: its test cannot fail");
    }

    @Test
    void skippedScenarioInTheStarterProvesNothing() {
        var starter = List.of(lab(row("L9-01", Result.FAIL), row("L9-02", Result.SKIPPED)));

        assertThat(StarterVerdict.of(FENCED, PROMISED, SOLUTION, starter).problems())
                .singleElement().asString().startsWith("L9-02 was skipped in the starter");
    }

    @Test
    void failingSolutionScenarioIsNamed() {
        var solution = List.of(lab(row("L9-01", Result.PASS), row("L9-02", Result.PASS), row("L9-03", Result.FAIL)));
        var starter = List.of(lab(row("L9-01", Result.FAIL), row("L9-02", Result.FAIL)));

        StarterVerdict verdict = StarterVerdict.of(FENCED, PROMISED, solution, starter);

        assertThat(verdict.problems()).containsExactly("L9-03 does not pass in the solution (fail: why)");
        assertThat(verdict.summaryLine()).endsWith("2/3 scenarios pass in the solution");
    }

    @Test
    void exerciseScenarioThatNoFenceHoldsBackIsALabWithNothingToDo() {
        var promised = Map.of("L9-03", "labs/step09-demo.md exercise 2");
        var starter = List.of(lab(row("L9-01", Result.FAIL), row("L9-02", Result.FAIL), row("L9-03", Result.PASS)));

        assertThat(StarterVerdict.of(FENCED, promised, SOLUTION, starter).problems()).containsExactly(
                "L9-03 is named by labs/step09-demo.md exercise 2 but no fenced exercise code holds it back: a lab with nothing to do");
    }
}
