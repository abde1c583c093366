package org.livevitals.testkit.starter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
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
 * <p>A listing may quote a region whole, or only its start (the rest elided), its end, or lines
 * from its middle: each part of the listing is found in the source file it names, and whatever
 * lines of a region it shows become that region's stub.
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
        List<String> source = readLines(listing.source());
        List<ExerciseRegion> regions = ExerciseMarkers.find(listing.source(), source);
        if (regions.isEmpty()) {
            return listing.code();
        }
        String sourceText = String.join("\n", source);
        List<String> result = new ArrayList<>();
        List<String> part = new ArrayList<>();
        for (String line : listing.code().split("\n", -1)) {
            if (LabListings.isElision(line)) {
                result.addAll(stubbed(part, sourceText, regions, listing));
                part.clear();
                result.add(line);
            } else {
                part.add(line);
            }
        }
        result.addAll(stubbed(part, sourceText, regions, listing));
        return String.join("\n", withoutElisionsInsideStubs(result));
    }

    /**
     * A {@code // ...} between two parts of one region would stand between two copies of its stub
     * (and may say what the elided code does): the stub is shown once.
     */
    private static List<String> withoutElisionsInsideStubs(List<String> lines) {
        List<String> result = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            boolean elisionBetweenTheSameStub = LabListings.isElision(lines.get(i)) && !result.isEmpty()
                    && i + 1 < lines.size() && ExerciseStub.isStub(lines.get(i + 1))
                    && lines.get(i + 1).equals(result.get(result.size() - 1));
            if (elisionBetweenTheSameStub) {
                i++; // skip the elision and the repeated stub
            } else {
                result.add(lines.get(i));
            }
        }
        return result;
    }

    /**
     * One part of a listing (the lines between two {@code // ...}) with every line that lies in an
     * exercise region replaced by that region's stub, once: the part is found in the source, so a
     * part that starts, ends or lies wholly inside a region is stubbed as surely as one that shows
     * the region's fences.
     */
    private List<String> stubbed(List<String> part, String sourceText, List<ExerciseRegion> regions, Listing listing) {
        int first = 0;
        int last = part.size() - 1;
        while (first <= last && part.get(first).isBlank()) {
            first++;
        }
        while (last >= first && part.get(last).isBlank()) {
            last--;
        }
        int at = first > last ? -1 : sourceText.indexOf(String.join("\n", part.subList(first, last + 1)));
        if (at < 0) {
            return part; // not in the source: the listings check reports it in the solution
        }
        int sourceLine = (int) sourceText.substring(0, at).chars().filter(c -> c == '\n').count() - first;
        List<String> result = new ArrayList<>();
        ExerciseRegion stubbedLast = null;
        for (int i = 0; i < part.size(); i++) {
            ExerciseRegion region = i < first || i > last ? null : regionAt(regions, sourceLine + i);
            if (region == null) {
                result.add(part.get(i));
            } else if (region != stubbedLast) {
                result.add(stubLine(listing, region));
                stubbedLast = region;
            }
        }
        return result;
    }

    private static ExerciseRegion regionAt(List<ExerciseRegion> regions, int line) {
        return regions.stream().filter(r -> r.firstLine() <= line && line <= r.lastLine()).findFirst().orElse(null);
    }

    private String stubLine(Listing listing, ExerciseRegion region) {
        try {
            String module = Path.of(listing.source()).getName(0).toString();
            return ExerciseStub.line(region.indent(), LabExercises.of(root, module).pointer(region.exercise()),
                    region.scenarioIds());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<String> readLines(String source) {
        try {
            return Files.readAllLines(root.resolve(source));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
