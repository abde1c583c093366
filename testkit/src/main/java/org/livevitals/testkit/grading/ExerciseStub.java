package org.livevitals.testkit.grading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The line that replaces an exercise in the starter: it compiles, it fails loudly with a pointer to
 * the lab section, and its {@code TODO} names the scenarios it holds back.
 *
 * <pre>{@code
 * throw new UnsupportedOperationException("Lab 1, exercise 1: frame the byte stream — see labs/step01-raw-sockets.md#exercise-1-frame-the-byte-stream"); // TODO L1-03 L1-04 L1-05
 * }</pre>
 *
 * <p>The scorecard looks for these lines too: while a stub is still in place, its scenarios fail
 * with the pointer as the reason, which tells a student where to start.
 */
public final class ExerciseStub {

    private static final Pattern STUB = Pattern.compile(
            "throw new UnsupportedOperationException\\(\"(.*)\"\\); // TODO ((?:L\\d+-\\d{2}\\s*)+)$");

    private ExerciseStub() {}

    /** The stub line, indented by {@code indent}, for an exercise holding back {@code scenarioIds}. */
    public static String line(String indent, String pointer, List<String> scenarioIds) {
        return indent + "throw new UnsupportedOperationException(\""
                + pointer.replace("\\", "\\\\").replace("\"", "\\\"") + "\"); // TODO "
                + String.join(" ", scenarioIds);
    }

    /** Whether a line of code is a stub. */
    public static boolean isStub(String line) {
        return STUB.matcher(line.trim()).matches();
    }

    /** A failure's reason while the exercise is still a stub: its pointer to the lab. */
    public static String notDoneYet(String pointer) {
        return pointer + " (not done yet)";
    }

    /**
     * The pointers of the stubs still in any step module beside {@code module} (its own and every
     * other {@code stepNN-*} under the same root): a later lab runs an earlier lab's code, so a
     * Lab 3 test can fail because a Lab 1 exercise is not done yet.
     */
    public static Collection<String> pointersInCourseOf(Path module) {
        Set<String> pointers = new LinkedHashSet<>();
        Path root = module.toAbsolutePath().normalize().getParent();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path step : modules.filter(dir -> dir.getFileName().toString().matches("step\\d+-.*")).sorted().toList()) {
                pointers.addAll(findIn(step).values());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pointers;
    }

    /** The stubs still in a module's main sources: scenario ID to the pointer its stub shows. */
    public static Map<String, String> findIn(Path module) {
        Map<String, String> pointers = new LinkedHashMap<>();
        Path sources = module.resolve("src/main/java");
        if (!Files.isDirectory(sources)) {
            return pointers;
        }
        try (Stream<Path> files = Files.walk(sources)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
                for (String line : Files.readAllLines(file)) {
                    Matcher stub = STUB.matcher(line.trim());
                    if (stub.matches()) {
                        List<String> ids = Arrays.asList(stub.group(2).trim().split("\\s+"));
                        ids.forEach(id -> pointers.putIfAbsent(id, stub.group(1).replace("\\\"", "\"")));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return pointers;
    }
}
