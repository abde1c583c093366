package org.livevitals.testkit.grading;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.livevitals.testkit.grading.LabDoc.ScenarioRow;
import org.livevitals.testkit.grading.ScenarioScanner.ScenarioTest;

/**
 * Keeps a lab's Testing scenarios table and its tests in step.
 *
 * <p>A row without a test would be graded as a failure nobody can fix by coding; a test naming a
 * row that does not exist grades nothing. So the build fails when they disagree: every row needs
 * exactly one test carrying its ID, and every ID a test carries needs a row. Each problem is one
 * message that names the ID and the lab file, so it says what to fix.
 *
 * <p>The problems are also saved in the module's {@code target/} for {@link GradingReport}, which
 * lists them for every lab of the build.
 */
public final class DocSync {

    /** Where {@link #save} leaves a module's problems for the report: the build stamp, then one per line. */
    static final String PROBLEMS_FILE = "target/doc-sync-problems.txt";

    private static final Pattern ID = Pattern.compile("L(\\d+)-\\d\\d");

    private DocSync() {}

    /**
     * The ways {@code doc}'s table and {@code tests} disagree, or nothing when they agree.
     *
     * @param docPath how to name the lab file in messages, e.g. {@code labs/step01-raw-sockets.md}
     */
    public static List<String> check(LabDoc doc, String docPath, List<ScenarioTest> tests) {
        Map<String, List<String>> testsById = new LinkedHashMap<>();
        for (ScenarioTest test : tests) {
            testsById.computeIfAbsent(test.id(), id -> new ArrayList<>()).add(test.test());
        }

        List<String> problems = new ArrayList<>();
        Set<String> rowIds = new HashSet<>();
        for (ScenarioRow row : doc.rows()) {
            String id = row.id();
            if (!rowIds.add(id)) {
                problems.add(id + " appears in more than one row of " + docPath
                        + " — each row needs an ID of its own");
                continue;
            }
            Matcher wellFormed = ID.matcher(id);
            if (!wellFormed.matches() || Integer.parseInt(wellFormed.group(1)) != doc.lab()) {
                problems.add(String.format("%s in %s is not a scenario ID of lab %d: IDs look like L%d-01",
                        id.isEmpty() ? "An empty ID" : id, docPath, doc.lab(), doc.lab()));
                continue;
            }
            List<String> claimants = testsById.getOrDefault(id, List.of());
            if (claimants.isEmpty()) {
                problems.add(id + " is a row of " + docPath
                        + " but no test carries @Scenario(\"" + id + "\")");
            } else if (claimants.size() > 1) {
                problems.add(id + " of " + docPath + " is claimed by "
                        + (claimants.size() == 2 ? "two" : claimants.size()) + " tests: "
                        + listOf(claimants) + " — exactly one test may carry each ID");
            }
        }
        testsById.forEach((id, claimants) -> {
            if (!rowIds.contains(id)) {
                for (String test : claimants) {
                    problems.add(id + " is named by " + test + " but " + docPath + " has no such row");
                }
            }
        });
        return problems;
    }

    /** Records this build's problems for {@code moduleDir}; {@link #load} reads them back. */
    public static void save(Path moduleDir, String build, List<String> problems) throws IOException {
        Path file = moduleDir.resolve(PROBLEMS_FILE);
        Files.createDirectories(file.getParent());
        List<String> lines = new ArrayList<>();
        lines.add(build);
        lines.addAll(problems);
        Files.write(file, lines);
    }

    /** The problems {@link #save} recorded for {@code moduleDir} in this build; none if it was another build. */
    public static List<String> load(Path moduleDir, String build) throws IOException {
        Path file = moduleDir.resolve(PROBLEMS_FILE);
        if (!Files.isRegularFile(file)) {
            return List.of();
        }
        List<String> lines = Files.readAllLines(file);
        return !lines.isEmpty() && lines.get(0).equals(build)
                ? List.copyOf(lines.subList(1, lines.size()))
                : List.of();
    }

    /** {@code A}, {@code A and B}, {@code A, B and C}. */
    private static String listOf(List<String> items) {
        if (items.size() == 1) {
            return items.get(0);
        }
        return String.join(", ", items.subList(0, items.size() - 1)) + " and " + items.get(items.size() - 1);
    }
}
