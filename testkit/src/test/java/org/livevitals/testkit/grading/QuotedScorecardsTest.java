package org.livevitals.testkit.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.livevitals.testkit.CourseFiles;

/**
 * A scorecard line quoted in the README or a lab must fit the lab as it is: its title, and as many
 * scenarios as its table has, or as the {@code -Dscenario} list of the command quoted above it runs.
 * Adding a row to a table without updating the quoted {@code 15/15} is the drift this catches.
 */
class QuotedScorecardsTest {

    private static final Pattern SCORECARD_LINE = Pattern.compile(
            "Lab (\\d+) \\(([^)]*)\\): (\\d+)/(\\d+) scenarios pass(?: \\((\\d+) fail, (\\d+) skipped\\))?");
    private static final Pattern COMMAND = Pattern.compile("\\./mvnw .*");
    private static final Pattern SCENARIO_LIST = Pattern.compile("-Dscenario=(\\S+)");

    /** Problems in one document, each naming the file and line. */
    static List<String> problems(String file, String text, Map<Integer, LabDoc> labs) {
        List<String> problems = new ArrayList<>();
        Integer selectedByCommand = null;
        List<String> lines = text.lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.startsWith("## ")) {
                selectedByCommand = null; // a new section: the command above belongs to another example
            }
            if (COMMAND.matcher(line.strip()).lookingAt()) {
                Matcher scenarios = SCENARIO_LIST.matcher(line);
                selectedByCommand = scenarios.find() ? Integer.valueOf(scenarios.group(1).split(",").length)
                        : line.contains("-Dtest=") ? Integer.valueOf(0) // tests picked by class: no row runs
                        : null;
            }
            Matcher quoted = SCORECARD_LINE.matcher(line);
            while (quoted.find()) {
                String where = file + ":" + (i + 1) + ": '" + quoted.group() + "'";
                LabDoc lab = labs.get(Integer.parseInt(quoted.group(1)));
                if (lab == null) {
                    problems.add(where + " quotes a lab the course does not have");
                    continue;
                }
                int total = Integer.parseInt(quoted.group(4));
                if (!quoted.group(2).equals(lab.title())) {
                    problems.add(where + ": the lab's title is '" + lab.title() + "'");
                }
                if (total != lab.rows().size() && !Integer.valueOf(total).equals(selectedByCommand)) {
                    problems.add(where + ": the lab has " + lab.rows().size() + " scenarios"
                            + (selectedByCommand == null ? "" : " and the command above selects " + selectedByCommand));
                }
                if (quoted.group(5) != null && Integer.parseInt(quoted.group(3)) + Integer.parseInt(quoted.group(5))
                        + Integer.parseInt(quoted.group(6)) != total) {
                    problems.add(where + ": pass, fail and skipped do not add up to " + total);
                }
            }
        }
        return problems;
    }

    @Test
    void everyQuotedScorecardFitsItsLab() throws IOException {
        Path root = CourseFiles.root();
        Map<Integer, LabDoc> labs = LabDoc.all(root);
        List<Path> documents = new ArrayList<>(List.of(root.resolve("README.md")));
        try (Stream<Path> files = Files.list(root.resolve("labs"))) {
            files.filter(file -> file.toString().endsWith(".md")).sorted().forEach(documents::add);
        }
        List<String> problems = new ArrayList<>();
        for (Path document : documents) {
            problems.addAll(problems(root.relativize(document).toString(), Files.readString(document), labs));
        }
        assertThat(problems).as("scorecard lines quoted in the docs that no longer fit the labs").isEmpty();
    }

    @Test
    void aCountThatMissesANewRowIsFound() {
        LabDoc lab = new LabDoc(1, "Raw sockets", List.of(
                new LabDoc.ScenarioRow("L1-01", "a", "b"), new LabDoc.ScenarioRow("L1-02", "c", "d")));
        String doc = """
                ./mvnw verify -Dlab=1
                  Lab 1 (Raw sockets): 1/1 scenarios pass
                ./mvnw verify -Dscenario=L1-01
                  Lab 1 (Raw sockets): 1/1 scenarios pass (0 fail, 0 skipped)
                ./mvnw verify
                  Lab 1 (Raw socket): 2/2 scenarios pass (1 fail, 0 skipped)
                """;
        assertThat(problems("lab.md", doc, Map.of(1, lab))).containsExactly(
                "lab.md:2: 'Lab 1 (Raw sockets): 1/1 scenarios pass': the lab has 2 scenarios",
                "lab.md:6: 'Lab 1 (Raw socket): 2/2 scenarios pass (1 fail, 0 skipped)': the lab's title is 'Raw sockets'",
                "lab.md:6: 'Lab 1 (Raw socket): 2/2 scenarios pass (1 fail, 0 skipped)': pass, fail and skipped do not add up to 2");
    }
}
