package org.livevitals.testkit.grading;

import java.util.List;
import java.util.Locale;
import org.livevitals.testkit.grading.ScenarioResults.TestResult;

/**
 * One lab's part of the grading report: a grade per scenario row, and what else went wrong.
 *
 * @param failedOtherTests tests without a scenario ID that failed: they grade no row, but a
 *     module with a failing test is not done
 * @param docSyncProblems what {@link DocSync} found wrong between the table and the tests
 * @param otherTestsPassing tests without a scenario ID that passed: shown when a run picked tests
 *     by class ({@code -Dtest=LineFramerTest}) and so graded no row
 */
public record LabResult(int lab, String title, List<Row> rows, List<TestResult> failedOtherTests,
        List<String> docSyncProblems, long otherTestsPassing) {

    /** A scenario's grade. */
    public enum Result {
        PASS, FAIL, SKIPPED;

        @Override
        public String toString() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** One scenario of the report. {@code reason} says why it failed or was skipped; empty if it passed. */
    public record Row(String id, String caseText, String expected, Result result, String reason) {}

    public LabResult(int lab, String title, List<Row> rows, List<TestResult> failedOtherTests, List<String> docSyncProblems) {
        this(lab, title, rows, failedOtherTests, docSyncProblems, 0);
    }

    public LabResult {
        rows = List.copyOf(rows);
        failedOtherTests = List.copyOf(failedOtherTests);
        docSyncProblems = List.copyOf(docSyncProblems);
    }

    /** {@code Lab 1 (Raw sockets)}. */
    public String name() {
        return "Lab " + lab + " (" + title + ")";
    }

    /** Nothing to report: every row was filtered out and nothing else went wrong. */
    boolean isEmpty() {
        return rows.isEmpty() && failedOtherTests.isEmpty() && docSyncProblems.isEmpty() && otherTestsPassing == 0;
    }

    public long passing() {
        return rows.stream().filter(row -> row.result() == Result.PASS).count();
    }

    /** The rows that failed, including those with no result. Skipped rows do not count. */
    public List<Row> failedRows() {
        return rows.stream().filter(row -> row.result() == Result.FAIL).toList();
    }

    public long skipped() {
        return rows.stream().filter(row -> row.result() == Result.SKIPPED).count();
    }

    /** {@code Lab 1 (Raw sockets): 8/10 scenarios pass (1 fail, 1 skipped), 1 other test fails}. */
    public String summary() {
        StringBuilder summary = new StringBuilder(name())
                .append(": ").append(passing()).append('/').append(rows.size())
                .append(" scenarios pass (").append(failedRows().size()).append(" fail, ")
                .append(skipped()).append(" skipped)");
        if (rows.isEmpty() && otherTestsPassing > 0) { // -Dtest=...: no row asked about, say how the tests went
            summary.append(", ").append(count((int) otherTestsPassing, "other test passes", "other tests pass"));
        }
        if (!failedOtherTests.isEmpty()) {
            summary.append(", ").append(count(failedOtherTests.size(), "other test fails", "other tests fail"));
        }
        if (!docSyncProblems.isEmpty()) {
            summary.append(", ").append(count(docSyncProblems.size(), "doc-sync problem", "doc-sync problems"));
        }
        return summary.toString();
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
