package org.livevitals.testkit.grading;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The scorecard: one row per scenario of every lab whose tests ran in this build, written to
 * {@code target/grading-report.md} at the repository root.
 *
 * <p>It joins each lab's table ({@code labs/stepNN-name.md}) with the results its module recorded
 * ({@code stepNN-name/target/scenario-results.json}). Results carrying another build's stamp are
 * ignored, so a lab that did not run in this build is left out rather than graded on old news.
 * {@link LabGrader} grades each lab, {@link ReportMarkdown} writes the file and
 * {@link ConsoleScorecard} the console's block.
 */
public final class GradingReport {

    /** Where each module's recorder writes, relative to the module. */
    public static final String RESULTS_FILE = "target/scenario-results.json";
    /** Where the report goes, relative to the repository root. */
    public static final String REPORT_FILE = "target/grading-report.md";

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
            LabResult lab = LabGrader.grade(LabDoc.parse(docFile), results, DocSync.load(module, build),
                    ExerciseStub.findIn(module));
            if (!lab.isEmpty()) { // a filtered run (-Dlab=3) leaves the other labs with nothing to show
                labs.add(lab);
            }
        }
        return new GradingReport(root, build, labs);
    }

    /** The labs of this build, in lab order. */
    public List<LabResult> labs() {
        return labs;
    }

    public Optional<LabResult> lab(int number) {
        return labs.stream().filter(lab -> lab.lab() == number).findFirst();
    }

    /** Writes {@code target/grading-report.md} under the repository root and returns its path. */
    public Path write() throws IOException {
        Path file = root.resolve(REPORT_FILE);
        Files.createDirectories(file.getParent());
        Files.writeString(file, toMarkdown());
        return file;
    }

    public String toMarkdown() {
        return ReportMarkdown.render(build, labs);
    }
}
