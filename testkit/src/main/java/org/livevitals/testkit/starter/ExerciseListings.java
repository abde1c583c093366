package org.livevitals.testkit.starter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import org.livevitals.testkit.grading.ExerciseStub;
import org.livevitals.testkit.grading.LabListings;
import org.livevitals.testkit.grading.LabListings.Listing;

/**
 * Gives a student's lab the same stubs as the student's code.
 *
 * <p>A lab's walkthrough quotes the solution, exercises included. In the starter, a listing that
 * quotes an exercise region shows, instead of the region, the stub line the code has there: the
 * pointer to the exercise's section. The listing stays a verbatim excerpt of the starter's code,
 * so the listings check holds in both copies, and the answer is in neither the student's code
 * nor the student's lab.
 *
 * <p>A listing may quote a region whole, or only its start (the rest elided) or only its end: the
 * stub replaces whatever part of the region the listing shows.
 */
final class ExerciseListings {

    private final Path root;

    ExerciseListings(Path root) {
        this.root = root;
    }

    /** The lab's Markdown with every quoted exercise region replaced by its stub. */
    String stub(String labPath, String markdown) {
        return LabListings.rewrite(labPath, markdown, this::stub);
    }

    private String stub(Listing listing) {
        if (listing.source() == null || !StarterGenerator.isMainJavaSource(Path.of(listing.source()))) {
            return listing.code();
        }
        List<String> lines = new ArrayList<>(Arrays.asList(listing.code().split("\n", -1)));
        boolean stubbed = false;
        for (int i = 0; i < lines.size(); i++) {
            Matcher start = ExerciseMarkers.START.matcher(lines.get(i));
            Matcher end = ExerciseMarkers.END.matcher(lines.get(i));
            if (start.matches()) {
                int last = endOf(lines, i);
                List<String> ids = Arrays.asList(start.group(3).trim().split("\\s+"));
                replace(lines, i, last, stubLine(listing, start.group(1), Integer.parseInt(start.group(2)), ids));
                stubbed = true;
            } else if (end.matches() && !stubbed) { // the listing starts inside the region
                int exercise = Integer.parseInt(end.group(1));
                String indent = lines.get(i).substring(0, lines.get(i).indexOf("//"));
                replace(lines, 1, i, stubLine(listing, indent, exercise, idsOf(listing.source(), exercise)));
                i = 1;
                stubbed = true;
            }
        }
        return String.join("\n", lines);
    }

    /** The region's closing fence, or the listing's last line of code when the listing stops inside it. */
    private static int endOf(List<String> lines, int start) {
        for (int i = start + 1; i < lines.size(); i++) {
            if (ExerciseMarkers.END.matcher(lines.get(i)).matches()) {
                return i;
            }
        }
        int last = lines.size() - 1;
        while (last > start && lines.get(last).isBlank()) {
            last--;
        }
        return last;
    }

    private static void replace(List<String> lines, int first, int last, String line) {
        lines.subList(first, last + 1).clear();
        lines.add(first, line);
    }

    private String stubLine(Listing listing, String indent, int exercise, List<String> ids) {
        try {
            String module = Path.of(listing.source()).getName(0).toString();
            return ExerciseStub.line(indent, LabExercises.of(root, module).pointer(exercise), ids);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> idsOf(String source, int exercise) {
        try {
            return ExerciseMarkers.find(source, Files.readAllLines(root.resolve(source))).stream()
                    .filter(region -> region.exercise() == exercise)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException(source + " has no exercise " + exercise
                            + " for a listing to quote"))
                    .scenarioIds();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
