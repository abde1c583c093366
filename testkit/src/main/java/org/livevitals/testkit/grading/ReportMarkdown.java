package org.livevitals.testkit.grading;

import java.util.List;
import org.livevitals.testkit.grading.LabResult.Row;
import org.livevitals.testkit.grading.ScenarioResults.TestResult;

/**
 * {@code target/grading-report.md}: the summary per lab, one row per scenario, then the failing
 * tests outside the tables and the doc-sync problems, as Markdown tables an instructor can read on
 * GitHub or paste into a gradebook.
 */
final class ReportMarkdown {

    private ReportMarkdown() {}

    static String render(String build, List<LabResult> labs) {
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
}
