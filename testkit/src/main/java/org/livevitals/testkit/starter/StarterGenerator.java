package org.livevitals.testkit.starter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.livevitals.testkit.grading.ExerciseStub;
import org.livevitals.testkit.grading.Options;
import picocli.CommandLine.Option;

/**
 * Writes the students' starter copy of the course from the solution.
 *
 * <p>Every file is copied as it is (tests, the wrapper, {@code .ci/run}), except that in each
 * step's main sources every {@link ExerciseRegion fenced exercise} becomes an {@link ExerciseStub},
 * and in each lab a listing that quotes an exercise shows that stub too ({@link ExerciseListings}).
 * The README gains a section for the student ({@link StarterReadme}).
 * The starter is generated, never kept by hand, so it cannot drift from the solution.
 *
 * <pre>
 * ./mvnw -q -pl testkit compile exec:java@starter -Dstarter.dir=../live-vitals-starter
 * </pre>
 */
public final class StarterGenerator {

    private final Path root;
    private final ExerciseListings listings;

    public StarterGenerator(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.listings = new ExerciseListings(this.root);
    }

    public static void main(String[] args) throws IOException {
        Arguments arguments = Options.parse(new Arguments(), args);
        Path out = Path.of(Options.required(arguments.starterDir, "starter.dir"));
        Summary summary = new StarterGenerator(arguments.root).write(out);
        System.out.println("Starter written to " + out.toAbsolutePath().normalize() + ": " + summary);
    }

    /** {@code --root} and {@code --starter.dir}, the new directory to write the starter into. */
    static final class Arguments extends Options {
        @Option(names = "--starter.dir")
        String starterDir;
    }

    /** What was stubbed: exercise pointer to the scenario IDs its stubs hold back. */
    public record Summary(Map<String, List<String>> exercises) {

        @Override
        public String toString() {
            return exercises.size() + " exercises stubbed"
                    + (exercises.isEmpty() ? "" : ":\n  " + String.join("\n  ", exercises.keySet()));
        }
    }

    /** Writes the starter into {@code out}, which must be new or empty. */
    public Summary write(Path out) throws IOException {
        Path target = out.toAbsolutePath().normalize();
        RepositoryTree.requireEmptyOrAbsent(target);
        Map<String, List<String>> exercises = new TreeMap<>();
        for (Path file : RepositoryTree.files(root, target)) {
            Path from = root.resolve(file);
            Path to = target.resolve(file);
            if (isMainJavaSource(file)) {
                List<String> lines = Files.readAllLines(from);
                List<String> stubbed = stubExercises(file, lines, exercises);
                RepositoryTree.copy(from, to);
                Files.write(to, stubbed);
            } else if (isLab(file)) {
                RepositoryTree.copy(from, to);
                String lab = listings.stub(file.toString(), Files.readString(from));
                Files.writeString(to, file.getFileName().toString().matches("step\\d+-.*") ? withStarterNote(lab) : lab);
            } else {
                RepositoryTree.copy(from, to);
            }
        }
        Path readme = target.resolve("README.md");
        if (Files.isRegularFile(readme)) {
            Files.writeString(readme, StarterReadme.withStarterSection(Files.readString(readme), exercises));
        }
        return new Summary(exercises);
    }

    /** Below a lab's title: the outputs it shows are the finished code's. */
    static final String STARTER_NOTE = "> **In your starter copy** the outputs this lab shows are what the finished code prints."
            + " Until you have done its [exercises](#exercises), see"
            + " [what to expect](../README.md#this-is-your-starter-copy).";

    static String withStarterNote(String lab) {
        int endOfTitle = lab.indexOf('\n');
        return endOfTitle < 0 ? lab : lab.substring(0, endOfTitle + 1) + "\n" + STARTER_NOTE + "\n" + lab.substring(endOfTitle + 1);
    }

    /** {@code labs/...md}: a lab's listings quote the code, exercises included. */
    static boolean isLab(Path file) {
        return file.getNameCount() == 2 && file.getName(0).toString().equals("labs")
                && file.getFileName().toString().endsWith(".md");
    }

    /** {@code stepNN-name/src/main/java/...java}: the only place exercises live. */
    static boolean isMainJavaSource(Path file) {
        return file.getNameCount() > 4
                && file.getName(0).toString().matches("step\\d+-.*")
                && file.subpath(1, 4).toString().replace('\\', '/').equals("src/main/java")
                && file.getFileName().toString().endsWith(".java");
    }

    private List<String> stubExercises(Path file, List<String> lines, Map<String, List<String>> exercises)
            throws IOException {
        List<ExerciseRegion> regions = ExerciseMarkers.find(file.toString(), lines);
        if (regions.isEmpty()) {
            return lines;
        }
        LabExercises lab = LabExercises.of(root, file.getName(0).toString());
        List<String> result = new ArrayList<>(lines);
        for (int i = regions.size() - 1; i >= 0; i--) { // from the bottom, so line numbers stay valid
            ExerciseRegion region = regions.get(i);
            String pointer = lab.pointer(region.exercise());
            result.subList(region.firstLine(), region.lastLine() + 1).clear();
            result.add(region.firstLine(), ExerciseStub.line(region.indent(), pointer, region.scenarioIds()));
            List<String> ids = exercises.computeIfAbsent(pointer, p -> new ArrayList<>());
            region.scenarioIds().stream().filter(id -> !ids.contains(id)).forEach(ids::add);
        }
        return result;
    }
}
