package org.livevitals.testkit.grading;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.livevitals.testkit.Markdown;
import java.util.stream.Stream;

/**
 * A lab's Markdown file, read for what grading needs: the lab's number, its title and the rows of
 * its Testing scenarios table.
 *
 * <p>The table is the contract between the lab and its tests: each row's ID names exactly one test
 * ({@link DocSync} checks that), and the scorecard prints one result per row. It is the table
 * under the heading that starts with "Testing scenarios" (level 2 or 3), up to the next heading:
 *
 * <pre>
 * | ID    | Case       | Expected                     |
 * |-------|------------|------------------------------|
 * | L3-02 | 10 clients | all receive the same reading |
 * </pre>
 *
 * <p>Columns after the third are ignored, and {@code \|} puts a pipe inside a cell. Rows are taken
 * as written; whether an ID is well formed is for {@link DocSync} to say.
 *
 * @param lab the number in the file name: {@code step01-raw-sockets.md} is lab 1
 * @param title the text of the first {@code # } heading
 */
public record LabDoc(int lab, String title, List<ScenarioRow> rows) {

    /** One row of the Testing scenarios table, cells trimmed, backticks kept. */
    public record ScenarioRow(String id, String caseText, String expected) {}

    private static final Pattern FILE_NAME = Pattern.compile("step(\\d+)-.*\\.md");

    public LabDoc {
        rows = List.copyOf(rows);
    }

    public static LabDoc parse(Path file) throws IOException {
        String fileName = file.getFileName().toString();
        return parse(labNumber(fileName), fileName, Files.readString(file));
    }

    /** The lab files under {@code root/labs} ({@code stepNN-name.md}), in lab order. */
    public static List<Path> files(Path root) throws IOException {
        Path labs = root.resolve("labs");
        if (!Files.isDirectory(labs)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(labs)) {
            return files.filter(file -> FILE_NAME.matcher(file.getFileName().toString()).matches())
                    .sorted(Comparator.comparingInt(file -> labNumber(file.getFileName().toString())))
                    .toList();
        }
    }

    /** Every lab under {@code root/labs}, by number. */
    public static Map<Integer, LabDoc> all(Path root) throws IOException {
        Map<Integer, LabDoc> labs = new TreeMap<>();
        for (Path file : files(root)) {
            LabDoc doc = parse(file);
            labs.put(doc.lab(), doc);
        }
        return labs;
    }

    /** {@code step01-raw-sockets.md} is lab 1. */
    public static int labNumber(String fileName) {
        Matcher matcher = FILE_NAME.matcher(fileName);
        if (!matcher.matches()) {
            throw new IllegalArgumentException(
                    fileName + " is not a lab file: lab files are named stepNN-name.md");
        }
        return Integer.parseInt(matcher.group(1));
    }

    private static LabDoc parse(int lab, String fileName, String markdown) {
        List<ScenarioRow> rows = new ArrayList<>();
        for (Markdown.Table table : Markdown.tables(markdown)) {
            if ((table.level() == 2 || table.level() == 3)
                    && table.heading().toLowerCase(Locale.ROOT).startsWith("testing scenarios")) {
                table.rows().forEach(cells -> rows.add(new ScenarioRow(cell(cells, 0), cell(cells, 1), cell(cells, 2))));
            }
        }
        String title = Markdown.title(markdown).map(LabDoc::shortTitle).orElse(fileName.replaceFirst("\\.md$", ""));
        return new LabDoc(lab, title, rows);
    }

    /**
     * {@code Lab 1 — Raw sockets: a vitals server you build by hand} becomes {@code Raw sockets}:
     * the scorecard already says "Lab 1", and the subtitle is too long for a summary line.
     */
    static String shortTitle(String heading) {
        String title = heading.replaceFirst("(?i)^lab\\s*\\d+\\s*[—–:-]\\s*", "");
        int colon = title.indexOf(':');
        return colon > 0 ? title.substring(0, colon).trim() : title;
    }

    private static String cell(List<String> cells, int index) {
        return index < cells.size() ? cells.get(index) : "";
    }
}
