package org.livevitals.testkit.grading;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.livevitals.testkit.grading.LabDoc.ScenarioRow;
import org.livevitals.testkit.grading.LabResult.Result;
import org.livevitals.testkit.grading.LabResult.Row;
import org.livevitals.testkit.grading.ScenarioResults.Status;
import org.livevitals.testkit.grading.ScenarioResults.TestResult;

/**
 * Grades one lab: joins the rows of its Testing scenarios table with the results its tests
 * recorded. A row with no result fails, unless the run was filtered ({@code -Dlab},
 * {@code -Dscenario}, {@code -Dtest}) and left it out on purpose; then the row is left out too.
 */
final class LabGrader {

    static final String NO_RESULT = "no result recorded: no test ran for this scenario";

    private LabGrader() {}

    /**
     * @param stubs scenario ID to the pointer of an exercise stub still in the module's code (a
     *     student's starter): such a scenario fails with the pointer as its reason
     */
    static LabResult grade(LabDoc doc, ScenarioResults results, List<String> docSyncProblems,
            Map<String, String> stubs) {
        Map<String, List<TestResult>> testsById = new LinkedHashMap<>();
        for (TestResult test : results.tests()) {
            if (test.id() != null) {
                testsById.computeIfAbsent(test.id(), id -> new ArrayList<>()).add(test);
            }
        }
        ScenarioFilter filter = results.filter();
        List<Row> rows = new ArrayList<>();
        for (ScenarioRow row : doc.rows()) {
            List<TestResult> tests = testsById.get(row.id());
            if (tests != null) {
                Row graded = gradeRow(row, tests);
                rows.add(graded.result() == Result.FAIL && stubs.containsKey(row.id())
                        ? new Row(row.id(), row.caseText(), row.expected(), Result.FAIL, ExerciseStub.notDoneYet(stubs.get(row.id())))
                        : graded);
            } else if (filter.includes(row.id()) && results.test() == null) {
                rows.add(new Row(row.id(), row.caseText(), row.expected(), Result.FAIL, NO_RESULT));
            } // else the run was filtered (-Dlab, -Dscenario, -Dtest) to other tests: this row was not asked about
        }
        List<TestResult> failedOtherTests = results.tests().stream()
                .filter(test -> test.id() == null && test.status() == Status.FAILED)
                .toList();
        long otherTestsPassing = results.tests().stream()
                .filter(test -> test.id() == null && test.status() == Status.PASSED)
                .count();
        return new LabResult(doc.lab(), doc.title(), rows, failedOtherTests, docSyncProblems, otherTestsPassing);
    }

    /**
     * A parameterized test records each invocation: the scenario fails if any of them failed, and
     * passes only if all of them passed.
     */
    private static Row gradeRow(ScenarioRow row, List<TestResult> tests) {
        Optional<TestResult> failed = firstWith(tests, Status.FAILED);
        if (failed.isPresent()) {
            return new Row(row.id(), row.caseText(), row.expected(), Result.FAIL, failed.get().reason());
        }
        Optional<TestResult> skipped = firstWith(tests, Status.SKIPPED);
        if (skipped.isPresent()) {
            return new Row(row.id(), row.caseText(), row.expected(), Result.SKIPPED, skipped.get().reason());
        }
        return new Row(row.id(), row.caseText(), row.expected(), Result.PASS, "");
    }

    private static Optional<TestResult> firstWith(List<TestResult> tests, Status status) {
        return tests.stream().filter(test -> test.status() == status).findFirst();
    }
}
