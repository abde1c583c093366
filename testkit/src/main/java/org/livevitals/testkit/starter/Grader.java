package org.livevitals.testkit.starter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.livevitals.testkit.grading.ConsoleScorecard;
import org.livevitals.testkit.grading.GradingReport;
import org.livevitals.testkit.grading.Options;
import picocli.CommandLine.Option;

/**
 * Grades a student's work with the course's own tests.
 *
 * <p>A student's repository (a directory, or a git URL to clone) may have changed anything, tests
 * included. So the grader builds a fresh copy of this course repository in
 * {@code target/grading/workspace} and puts only the student's {@code stepNN-*\/src/main} in it:
 * their code, graded by the course's tests, labs and poms. It then runs
 * {@code ./mvnw verify -Dgrade} there (optionally {@code -Dlab=N}) and copies the scorecard to this
 * repository's {@code target/grading-report.md}.
 *
 * <pre>
 * ./mvnw -q -pl testkit compile exec:java@grade -Dgrade.repo=/path/to/student-repo [-Dlab=1]
 * </pre>
 */
public final class Grader {

    private Grader() {}

    /** {@code --root}, {@code --grade.repo} (a directory or a clone URL) and {@code --lab} (optional). */
    static final class Arguments extends Options {
        @Option(names = "--grade.repo")
        String repo;

        @Option(names = "--lab")
        String lab;
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        Arguments options = Options.parse(new Arguments(), args);
        Path root = options.root.toAbsolutePath().normalize();
        String repo = Options.required(options.repo, "grade.repo");
        Path work = root.resolve("target/grading");
        RepositoryTree.deleteRecursively(work);

        Path student = fetch(repo, work.resolve("student"));
        Path workspace = work.resolve("workspace");
        for (Path file : RepositoryTree.files(root, root.resolve("target"))) {
            if (!isStepMainSource(file)) {
                RepositoryTree.copy(root.resolve(file), workspace.resolve(file));
            }
        }
        int copied = 0;
        for (Path file : RepositoryTree.files(student, null)) {
            if (isStepMainSource(file) && Files.isDirectory(root.resolve(file.getName(0)))) {
                RepositoryTree.copy(student.resolve(file), workspace.resolve(file));
                copied++;
            }
        }
        System.out.println("Grading " + repo + ": " + copied + " files of student code, the course's tests.");

        List<String> arguments = new ArrayList<>(List.of("verify", "-Dgrade"));
        String lab = Options.optional(options.lab);
        if (lab != null) {
            arguments.add("-Dlab=" + lab);
        }
        Path log = work.resolve("build.log");
        int exit = MavenBuild.run(workspace, log, arguments.toArray(String[]::new));

        Path report = workspace.resolve(GradingReport.REPORT_FILE);
        if (!Files.isRegularFile(report)) {
            throw new IllegalStateException("No scorecard was written (exit " + exit + "): the student's code"
                    + " may not compile; see " + log);
        }
        Path graded = root.resolve(GradingReport.REPORT_FILE);
        Files.createDirectories(graded.getParent());
        Files.copy(report, graded, StandardCopyOption.REPLACE_EXISTING);
        if (exit != 0) {
            System.out.println("The build stopped early (exit " + exit + "), so later labs have no rows; see " + log);
        }
        System.out.print(ConsoleScorecard.render(StarterCheck.latestScorecard(workspace)));
    }

    /** {@code stepNN-name/src/main/...}: the student's part of a repository. */
    static boolean isStepMainSource(Path file) {
        return file.getNameCount() > 3
                && file.getName(0).toString().matches("step\\d+-.*")
                && file.getName(1).toString().equals("src")
                && file.getName(2).toString().equals("main");
    }

    /** A directory is used as it is; anything else is cloned with git. */
    private static Path fetch(String repo, Path into) throws IOException, InterruptedException {
        Path dir = Path.of(repo);
        if (Files.isDirectory(dir)) {
            return dir.toAbsolutePath().normalize();
        }
        Process clone = new ProcessBuilder("git", "clone", "--quiet", "--depth", "1", repo, into.toString())
                .inheritIO().start();
        if (clone.waitFor() != 0) {
            throw new IllegalArgumentException(repo + " is neither a directory nor a repository git can clone");
        }
        return into;
    }
}
