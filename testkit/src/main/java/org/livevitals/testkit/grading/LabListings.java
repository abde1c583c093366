package org.livevitals.testkit.grading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Keeps the code a lab quotes identical to the code that runs.
 *
 * <p>A lab explains the code by quoting it, and a quote that has drifted teaches something the
 * course no longer does. So every {@code java} or {@code javascript} listing in a lab must be a
 * verbatim excerpt of a file under some module's {@code src/main/} (a page's script may be in its
 * HTML). A listing may leave lines
 * out where it shows a line that is only {@code // ...} (or {@code // ...} followed by words);
 * each part between such lines must then appear, whole and exactly, in one source file. In a
 * student's starter copy the exercise regions are stubs, so there a part that quotes an exercise
 * (it shows a fence line) is not checked.
 */
public final class LabListings {

    /** A fenced listing and the line of the lab it starts on. */
    public record Listing(String lab, int line, String code) {}

    private static final Pattern FENCE = Pattern.compile("```(java|javascript)\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern EXERCISE_FENCE = Pattern.compile("// Exercise \\d+ (starts|ends) here");
    private static final Pattern ELISION = Pattern.compile("\\n[ \\t]*// \\.\\.\\.[^\\n]*(?=\\n)");

    private LabListings() {}

    /** The listings of one lab's Markdown text. */
    public static List<Listing> listings(String lab, String markdown) {
        List<Listing> listings = new ArrayList<>();
        Matcher fence = FENCE.matcher(markdown);
        while (fence.find()) {
            int line = 1 + (int) markdown.substring(0, fence.start()).chars().filter(c -> c == '\n').count();
            listings.add(new Listing(lab, line, "\n" + fence.group(2)));
        }
        return listings;
    }

    /**
     * The parts of {@code listing} that no source file holds, each as a message that names the lab
     * and line; empty when the listing is a faithful excerpt.
     *
     * @param starterCopy true in a student's copy, whose exercises are stubs ({@link #isStarterCopy})
     */
    public static List<String> problems(Listing listing, List<String> sources, boolean starterCopy) {
        List<String> problems = new ArrayList<>();
        for (String part : ELISION.split(listing.code())) {
            String excerpt = part.strip().isEmpty() ? "" : part.replaceAll("^\\n+|\\n+$", "");
            if (starterCopy && EXERCISE_FENCE.matcher(excerpt).find()) {
                continue; // the student's copy has a stub where the lab quotes the solution (issue 11)
            }
            if (!excerpt.isEmpty() && sources.stream().noneMatch(source -> source.contains(excerpt))) {
                String firstLine = excerpt.lines().findFirst().orElse("").strip();
                problems.add(listing.lab() + ":" + listing.line() + ": the listing part starting '" + firstLine
                        + "' is not in the code: copy it again from the source file it quotes");
            }
        }
        return problems;
    }

    /** True when no step's code has an exercise fence left: the starter copy students work in. */
    public static boolean isStarterCopy(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(file -> root.relativize(file).toString().matches("step[^/]+/src/main/java/.*\\.java"))
                    .noneMatch(file -> EXERCISE_FENCE.matcher(read(file)).find());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text of every Java, JavaScript and HTML file under a module's {@code src/main/} below {@code root}. */
    public static List<String> mainSources(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> root.relativize(file).toString().matches("[^/]+/src/main/.*\\.(java|js|html)"))
                    .map(LabListings::read)
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
