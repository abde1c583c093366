package org.livevitals.testkit.grading;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import picocli.CommandLine.Option;

/**
 * The last step of every step module's build: checks the lab's table against its tests, writes the
 * grading report, prints the scorecard and fails the build if the lab is not done.
 *
 * <p>The parent pom runs it at {@code verify} through {@code exec:java}, on the module's test
 * class path, with {@code --root=<repository> --module=<module dir> --build=<build stamp>
 * --grade=<true|false> --lab=<-Dlab> --scenario=<-Dscenario>}. A filter that names a lab or a
 * scenario the course does not have fails the build: a typo must not pass as "nothing failed".
 * The scorecard itself is printed once, at the end of the build ({@link ConsoleScorecard}). Surefire does not fail the build for failing tests (so that every lab
 * gets graded); this does, unless {@code -Dgrade} asks for a report of everything instead, which is
 * what an instructor grading a fork wants. A disagreement between the table and the tests fails
 * the build even when every test passes.
 */
public final class ScorecardMain {

    private ScorecardMain() {}

    /** What the parent pom passes: the module, the build's stamp, {@code -Dgrade} and the filters. */
    static final class Arguments extends Options {
        @Option(names = "--module", required = true)
        Path module;

        @Option(names = "--build", required = true)
        String build;

        @Option(names = "--grade")
        String grade;

        @Option(names = "--lab")
        String lab;

        @Option(names = "--scenario")
        String scenario;
    }

    public static void main(String[] args) throws IOException {
        Arguments arguments = Options.parse(new Arguments(), args);
        run(arguments.root, arguments.module, arguments.build, Boolean.parseBoolean(Options.optional(arguments.grade)),
                ScenarioFilter.of(Options.optional(arguments.lab), Options.optional(arguments.scenario)),
                ConsoleScorecard::printAtExit);
    }

    /** {@code scorecard} receives the console's block for every lab graded so far in this build. */
    static void run(Path root, Path module, String build, boolean grade, ScenarioFilter filter,
            Consumer<String> scorecard) throws IOException {
        List<String> filterProblems = filter.problems(root);
        if (!filterProblems.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", filterProblems));
        }
        String docPath = "labs/" + module.getFileName() + ".md";
        Path docFile = root.resolve(docPath);
        if (!Files.isRegularFile(docFile)) {
            System.out.println("[scorecard] " + module.getFileName() + " has no " + docPath + ": nothing to grade.");
            return;
        }
        LabDoc doc = LabDoc.parse(docFile);
        List<String> problems = docSyncProblems(doc, docPath, module.resolve("target/test-classes"));
        DocSync.save(module, build, problems);

        GradingReport report = GradingReport.collect(root, build);
        report.write();
        Optional<LabResult> lab = report.lab(doc.lab());
        if (!report.labs().isEmpty()) { // a build without tests (-DskipTests) has no scorecard to show
            scorecard.accept(ConsoleScorecard.render(report.labs()));
        }

        if (!problems.isEmpty()) {
            String message = docPath + " and the tests disagree:\n  - " + String.join("\n  - ", problems);
            if (!grade) {
                throw new IllegalStateException(message);
            }
            System.out.println(message);
        }
        if (lab.isEmpty()) {
            return;
        }
        List<String> failures = failuresOf(lab.get());
        if (!failures.isEmpty() && !grade) {
            throw new IllegalStateException(lab.get().summary() + ": " + String.join(", ", failures)
                    + ". The scorecard at the end of the build gives each reason (add -Dgrade to grade every lab).");
        }
    }

    /**
     * Without compiled tests ({@code -Dmaven.test.skip}) there is nothing to compare the table with,
     * and every row would be reported as having no test.
     */
    private static List<String> docSyncProblems(LabDoc doc, String docPath, Path testClasses)
            throws IOException {
        if (!Files.isDirectory(testClasses)) {
            System.out.println("[scorecard] " + docPath + ": the tests were not compiled, so the table was not checked.");
            return List.of();
        }
        ClassLoader testClassPath = Thread.currentThread().getContextClassLoader();
        return DocSync.check(doc, docPath, ScenarioScanner.scan(testClasses, testClassPath));
    }

    /** The failing scenario IDs, then the failing tests without an ID. */
    private static List<String> failuresOf(LabResult lab) {
        List<String> failures = new ArrayList<>();
        lab.failedRows().forEach(row -> failures.add(row.id()));
        lab.failedOtherTests().forEach(test -> failures.add(test.name()));
        return failures;
    }
}
