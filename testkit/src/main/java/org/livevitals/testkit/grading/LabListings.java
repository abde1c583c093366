package org.livevitals.testkit.grading;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Keeps the code a lab quotes identical to the code that runs.
 *
 * <p>A lab explains the code by quoting it, and a quote that has drifted teaches something the
 * course no longer does. So every {@code java} or {@code javascript} listing in a lab names the
 * file it quotes, on the line just above it, and must be a verbatim excerpt of that file:
 *
 * <pre>
 * &lt;!-- listing: step01-raw-sockets/src/main/java/org/livevitals/rawsockets/LineFramer.java --&gt;
 * ```java
 *     public Frame next() throws IOException {
 * ```
 * </pre>
 *
 * <p>A listing may leave lines out where it shows a line that is only {@code // ...} (or
 * {@code // ...} followed by words); each part between such lines must then appear, whole and
 * exactly, in the named file. The starter generator rewrites a listing of an exercise the way it
 * rewrites the code (the student's lab shows the stub), so the same check holds in both copies.
 */
public final class LabListings {

    /**
     * A fenced listing: the line of the lab it starts on, the file it names (null if it names
     * none) and its code, which starts with a line break.
     */
    public record Listing(String lab, int line, String source, String code) {}

    private static final Pattern LISTING = Pattern.compile(
            "(?:<!-- listing: (\\S+) -->\\n)?```(?:java|javascript)\\n(.*?)```", Pattern.DOTALL);
    private static final Pattern ELISION = Pattern.compile("\\n[ \\t]*// \\.\\.\\.[^\\n]*(?=\\n)");

    private LabListings() {}

    /** A listing line that stands for lines left out: {@code // ...}, maybe followed by words. */
    public static boolean isElision(String line) {
        return ELISION.matcher("\n" + line + "\n").find();
    }

    /** The listings of one lab's Markdown text. */
    public static List<Listing> listings(String lab, String markdown) {
        List<Listing> listings = new ArrayList<>();
        Matcher listing = LISTING.matcher(markdown);
        while (listing.find()) {
            listings.add(listingAt(lab, markdown, listing));
        }
        return listings;
    }

    /**
     * The lab with each listing's code replaced by what {@code rewrite} returns for it (the same
     * code leaves the listing as it was). The starter generator stubs exercises this way.
     */
    public static String rewrite(String lab, String markdown, Function<Listing, String> rewrite) {
        StringBuilder result = new StringBuilder();
        Matcher listing = LISTING.matcher(markdown);
        int copied = 0;
        while (listing.find()) {
            String code = rewrite.apply(listingAt(lab, markdown, listing));
            result.append(markdown, copied, listing.start(2)).append(code.substring(1));
            copied = listing.end(2);
        }
        return result.append(markdown.substring(copied)).toString();
    }

    private static Listing listingAt(String lab, String markdown, Matcher listing) {
        // the fence line is the one before the code: as many line breaks before the code, counted from 1, minus one
        int line = (int) markdown.substring(0, listing.start(2)).chars().filter(c -> c == '\n').count();
        return new Listing(lab, line, listing.group(1), "\n" + listing.group(2));
    }

    /**
     * What is wrong with {@code listing}, each as a message that names the lab and line; empty
     * when it names a file under {@code root} and is a faithful excerpt of it.
     */
    public static List<String> problems(Listing listing, Path root) {
        String where = listing.lab() + ":" + listing.line() + ": ";
        if (listing.source() == null) {
            return List.of(where + "name the file the listing quotes on the line above it:"
                    + " <!-- listing: stepNN-name/src/main/... -->");
        }
        Path file = root.resolve(listing.source());
        String source;
        try {
            source = Files.readString(file);
        } catch (IOException e) {
            return List.of(where + "the listing quotes " + listing.source() + ", which cannot be read (" + e + ")");
        }
        List<String> problems = new ArrayList<>();
        for (String part : ELISION.split(listing.code())) {
            String excerpt = part.strip().isEmpty() ? "" : part.replaceAll("^\\n+|\\n+$", "");
            if (!excerpt.isEmpty() && !source.contains(excerpt)) {
                String firstLine = excerpt.lines().findFirst().orElse("").strip();
                problems.add(where + "the listing part starting '" + firstLine + "' is not in "
                        + listing.source() + ": copy it again from there");
            }
        }
        return problems;
    }
}
