package org.livevitals.testkit.grading;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.livevitals.testkit.grading.LabDoc.ScenarioRow;
import org.livevitals.testkit.grading.ScenarioResults.Status;
import org.livevitals.testkit.grading.ScenarioResults.TestResult;

/**
 * The scorecard: one row per scenario of every lab whose tests ran in this build, written to
 * {@code target/grading-report.md} at the repository root.
 *
 * <p>It joins each lab's table ({@code labs/stepNN-name.md}) with the results its module recorded
 * ({@code stepNN-name/target/scenario-results.json}). Results carrying another build's stamp are
 * ignored, so a lab that did not run in this build is left out rather than graded on old news. A
 * row with no result fails, unless the run was filtered ({@code -Dlab}, {@code -Dscenario}) and
 * left it out on purpose; then the row is left out too.
 */
public final class GradingReport {

    /** Where each module's recorder writes, relative to the module. */
    public static final String RESULTS_FILE = "target/scenario-results.json";
    /** Where the report goes, relative to the repository root. */
    public static final String REPORT_FILE = "target/grading-report.md";

    static final String NO_RESULT = "no result recorded: no test ran for this scenario";

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

    /**
     * One lab's part of the report.
     *
     * @param failedOtherTests tests without a scenario ID that failed: they grade no row, but a
     *     module with a failing test is not done
     * @param docSyncProblems what {@link DocSync} found wrong between the table and the tests
     */
    public record LabResult(int lab, String title, List<Row> rows, List<TestResult> failedOtherTests,
            List<String> docSyncProblems) {

        /** {@code Lab 1 (Raw sockets)}. */
        public String name() {
            return "Lab " + lab + " (" + title + ")";
        }

        /** Nothing to report: every row was filtered out and nothing else went wrong. */
        boolean isEmpty() {
            return rows.isEmpty() && failedOtherTests.isEmpty() && docSyncProblems.isEmpty();
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
            if (!failedOtherTests.isEmpty()) {
                summary.append(", ").append(count(failedOtherTests.size(), "other test fails", "other tests fail"));
            }
            if (!docSyncProblems.isEmpty()) {
                summary.append(", ").append(count(docSyncProblems.size(), "doc-sync problem", "doc-sync problems"));
            }
            return summary.toString();
        }
    }

    private final Path root;
    private final String build;
    private final List<LabResult> labs;

    private GradingReport(Path root, String build, List<LabResult> labs) {
        this.root = root;
        this.build = build;
        this.labs = List.copyOf(labs);
    }

    /** Grades every lab under {@code root/labs} whose module recorded results in the build {@code build}. */
    public static GradingReport collect(Path root, String build) throws IOException {
        List<LabResult> labs = new ArrayList<>();
        for (Path docFile : LabDoc.files(root)) {
            Path module = root.resolve(docFile.getFileName().toString().replaceFirst("\\.md$", ""));
            Path resultsFile = module.resolve(RESULTS_FILE);
            if (!Files.isRegularFile(resultsFile)) {
                continue;
            }
            ScenarioResults results = ScenarioResults.read(resultsFile);
            if (!build.equals(results.build())) {
                continue; // written by an earlier build: this build did not run the lab's tests
            }
            LabResult lab = grade(LabDoc.parse(docFile), results, DocSync.load(module, build),
                    ExerciseStub.findIn(module));
            if (!lab.isEmpty()) { // a filtered run (-Dlab=3) leaves the other labs with nothing to show
                labs.add(lab);
            }
        }
        return new GradingReport(root, build, labs);
    }

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
        return new LabResult(doc.lab(), doc.title(), rows, failedOtherTests, docSyncProblems);
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

    /** The labs of this build, in lab order. */
    public List<LabResult> labs() {
        return labs;
    }

    public Optional<LabResult> lab(int number) {
        return labs.stream().filter(lab -> lab.lab() == number).findFirst();
    }

    /** One line per lab for the console, e.g. {@code Lab 1 (Raw sockets): 10/10 scenarios pass}. */
    public List<String> summaryLines() {
        return labs.stream().map(LabResult::summary).toList();
    }

    /** Writes {@code target/grading-report.md} under the repository root and returns its path. */
    public Path write() throws IOException {
        Path file = root.resolve(REPORT_FILE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, toMarkdown());
        return file;
    }

    public String toMarkdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Grading report\n\n")
                .append("Build `").append(build).append("`: one row per scenario of each lab whose tests ran in this build.\n\n");
        if (labs.isEmpty()) {
            return md.append("No lab's tests ran in this build.\n").toString();
        }

        md.append("## Summary\n\n| Lab | Scenarios passing | Failing | Skipped |\n|---|---|---|---|\n");
        for (LabResult lab : labs) {
            tableRow(md, lab.name(), lab.passing() + "/" + lab.rows().size(), String.valueOf(lab.failedRows().size()),
                    String.valueOf(lab.skipped()));
        }

        md.append("\n## Scenarios\n\n| Lab | ID | Case | Expected | Result | Reason |\n|---|---|---|---|---|---|\n");
        for (LabResult lab : labs) {
            for (Row row : lab.rows()) {
                tableRow(md, lab.name(), row.id(), row.caseText(), row.expected(),
                        row.result().toString(), row.reason());
            }
        }

        if (labs.stream().anyMatch(lab -> !lab.failedOtherTests().isEmpty())) {
            md.append("\n## Other failing tests\n\nThese tests check no scenario, but they failed.\n\n")
                    .append("| Lab | Test | Reason |\n|---|---|---|\n");
            for (LabResult lab : labs) {
                for (TestResult test : lab.failedOtherTests()) {
                    tableRow(md, lab.name(), test.name(), test.reason());
                }
            }
        }

        if (labs.stream().anyMatch(lab -> !lab.docSyncProblems().isEmpty())) {
            md.append("\n## Doc-sync problems\n\nThe lab's Testing scenarios table and its tests disagree.\n\n")
                    .append("| Lab | Problem |\n|---|---|\n");
            for (LabResult lab : labs) {
                for (String problem : lab.docSyncProblems()) {
                    tableRow(md, lab.name(), problem);
                }
            }
        }
        return md.toString();
    }

    private static void tableRow(StringBuilder md, String... cells) {
        md.append('|');
        for (String cell : cells) {
            md.append(' ').append(escape(cell)).append(" |");
        }
        md.append('\n');
    }

    /** A pipe would end the cell and a line break the row. */
    static String escape(String cell) {
        return cell == null ? "" : cell.replace("|", "\\|").replaceAll("\\R", " ");
    }

    private static String count(int n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }
}
