package org.livevitals.testkit.grading;

import java.util.ArrayList;
import java.util.List;
import org.livevitals.testkit.grading.LabResult.Result;
import org.livevitals.testkit.grading.LabResult.Row;
import org.livevitals.testkit.grading.ScenarioResults.TestResult;

/**
 * The scorecard as the console shows it: one block, the last thing {@code ./mvnw verify} prints.
 *
 * <p>Each step module grades its lab when its tests have run, but a scorecard printed there would
 * scroll away under the rest of the build. So each module only leaves the block for every lab so
 * far with the JVM that runs Maven ({@link #printAtExit}), replacing the one before, and the block
 * is printed once, when that JVM exits: after Maven's own summary, whether the build passed or
 * stopped at a failing lab (under the Maven daemon, mvnd, whose JVM outlives the build, each module
 * prints it at once instead). The block says everything an instructor reads from the console:
 * counts per lab, then each failing or skipped scenario with its reason (a skip says what to
 * install), tests outside the tables that failed, and doc-sync problems.
 */
public final class ConsoleScorecard {

    private static final String RULE = "-".repeat(60);
    /** Where the block waits for the exit, as a system property: every module's class loader sees it. */
    private static final String PENDING_BLOCK = "livevitals.scorecard.block";
    private static final String HOOK_REGISTERED = "livevitals.scorecard.hook";

    private ConsoleScorecard() {}

    /** The block for these labs, one line each. */
    public static String render(List<LabResult> labs) {
        List<String> lines = new ArrayList<>();
        lines.add(RULE);
        lines.add("Scorecard (" + GradingReport.REPORT_FILE + ")");
        if (labs.isEmpty()) {
            lines.add("  No lab's scenarios ran in this build.");
        }
        for (LabResult lab : labs) {
            lines.add("  " + lab.summary());
            for (Row row : lab.rows()) {
                if (row.result() != Result.PASS) {
                    lines.add(String.format("    %-7s %s (%s): %s", row.result(), row.id(), row.caseText(), row.reason()));
                }
            }
            for (TestResult test : lab.failedOtherTests()) {
                lines.add("    other test failed: " + test.name() + ": " + test.reason());
            }
            for (String problem : lab.docSyncProblems()) {
                lines.add("    doc-sync: " + problem);
            }
        }
        lines.add(RULE);
        return String.join(System.lineSeparator(), lines) + System.lineSeparator();
    }

    /**
     * Prints {@code block} when the JVM exits, instead of any block left before. The hook prints a
     * string and nothing else, so it needs no class from a class loader Maven may have closed.
     */
    public static synchronized void printAtExit(String block) {
        if (System.getProperty("mvnd.home") != null) { // the Maven daemon's JVM outlives the build
            System.out.print(block);
            return;
        }
        System.getProperties().put(PENDING_BLOCK, block);
        if (System.getProperties().putIfAbsent(HOOK_REGISTERED, "true") == null) {
            Runtime.getRuntime().addShutdownHook(new Thread(ConsoleScorecard::printPendingBlock, "scorecard"));
        }
    }

    private static void printPendingBlock() {
        Object block = System.getProperties().get(PENDING_BLOCK);
        if (block != null) {
            System.out.print(block);
            System.out.flush();
        }
    }
}
