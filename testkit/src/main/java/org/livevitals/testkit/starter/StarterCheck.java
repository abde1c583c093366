package org.livevitals.testkit.starter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.livevitals.testkit.grading.GradingReport;
import org.livevitals.testkit.grading.LabResult;
import org.livevitals.testkit.grading.Options;
import org.livevitals.testkit.grading.ScenarioResults;

/**
 * Proves the starter kit works both ways, on every change: run by {@code .ci/run} after the
 * solution's {@code ./mvnw verify}.
 *
 * <p>It generates the starter into {@code target/starter-check/starter}, checks that its documents
 * show no exercise's code ({@link AnswerLeaks}), builds it with
 * {@code ./mvnw verify -Dgrade}, and compares the two scorecards ({@link StarterVerdict}). It
 * prints one summary line and fails naming every offending scenario.
 *
 * <pre>
 * ./mvnw -q -pl testkit exec:java@starter-check
 * </pre>
 */
public final class StarterCheck {

    private StarterCheck() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        Path root = Options.parse(new Options(), args).root.toAbsolutePath().normalize();
        Path work = root.resolve("target/starter-check");
        Path starter = work.resolve("starter");
        RepositoryTree.deleteRecursively(starter);

        List<LabResult> solution = latestScorecard(root);
        Map<String, String> fenced = new TreeMap<>();
        Map<String, String> promised = new TreeMap<>();
        collectExercises(root, fenced, promised);

        new StarterGenerator(root).write(starter);
        List<String> leaks = AnswerLeaks.find(root, starter);
        if (!leaks.isEmpty()) {
            throw new IllegalStateException("The starter hands out exercise answers in its documents (quote an"
                    + " exercise in a lab only in a listing that names its file, so the generator can stub it):\n  - "
                    + String.join("\n  - ", leaks));
        }
        int exit = MavenBuild.run(starter, work.resolve("starter-build.log"), "verify", "-Dgrade");
        if (exit != 0) {
            throw new IllegalStateException("The starter does not build (exit " + exit + "): see "
                    + work.resolve("starter-build.log") + ". Every stub must compile.");
        }
        StarterVerdict verdict = StarterVerdict.of(fenced, promised, solution, latestScorecard(starter));
        System.out.println(verdict.summaryLine());
        if (!verdict.holds()) {
            throw new IllegalStateException("The starter check failed:\n  - " + String.join("\n  - ", verdict.problems()));
        }
    }

    /** Which scenarios the fences hold back, and which the labs' exercise sections promise. */
    static void collectExercises(Path root, Map<String, String> fenced, Map<String, String> promised) throws IOException {
        for (Path module : stepModules(root)) {
            String name = module.getFileName().toString();
            LabExercises lab = LabExercises.of(root, name);
            lab.scenarioIds().forEach((exercise, ids) -> ids.forEach(id ->
                    promised.put(id, lab.docPath() + " exercise " + exercise)));
            Path sources = module.resolve("src/main/java");
            if (!Files.isDirectory(sources)) {
                continue;
            }
            try (Stream<Path> files = Files.walk(sources)) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    for (ExerciseRegion region : ExerciseMarkers.find(root.relativize(file).toString(), Files.readAllLines(file))) {
                        region.scenarioIds().forEach(id ->
                                fenced.put(id, "Lab " + lab.lab() + " exercise " + region.exercise()));
                    }
                }
            }
        }
    }

    static List<Path> stepModules(Path root) throws IOException {
        try (Stream<Path> entries = Files.list(root)) {
            return entries.filter(Files::isDirectory)
                    .filter(dir -> dir.getFileName().toString().matches("step\\d+-.*"))
                    .sorted().toList();
        }
    }

    /** The scorecard of the newest build whose results are under {@code root}. */
    static List<LabResult> latestScorecard(Path root) throws IOException {
        Optional<String> newest = Optional.empty();
        for (Path module : stepModules(root)) {
            Path results = module.resolve(GradingReport.RESULTS_FILE);
            if (Files.isRegularFile(results)) {
                String build = ScenarioResults.read(results).build();
                if (newest.isEmpty() || build.compareTo(newest.get()) > 0) {
                    newest = Optional.of(build);
                }
            }
        }
        return newest.isEmpty() ? List.of() : GradingReport.collect(root, newest.get()).labs();
    }
}
