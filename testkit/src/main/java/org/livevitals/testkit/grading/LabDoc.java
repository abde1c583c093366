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
    private static final Pattern HEADING = Pattern.compile("(#{1,6})\\s+(.*?)(?:\\s+#+)?\\s*");
    private static final Pattern SEPARATOR_CELL = Pattern.compile(":?-+:?");

    public LabDoc {
        rows = List.copyOf(rows);
    }

    public static LabDoc parse(Path file) throws IOException {
        String fileName = file.getFileName().toString();
        return parse(labNumber(fileName), fileName, Files.readAllLines(file));
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

    private static LabDoc parse(int lab, String fileName, List<String> lines) {
        String title = null;
        boolean inScenarios = false;
        boolean inCodeBlock = false;
        List<List<String>> table = new ArrayList<>();
        for (String line : lines) {
            String trimmed = line.trim();
            // A "# comment" in a shell snippet is not a heading, and a "|" in one is not a table.
            if (trimmed.startsWith("```") || trimmed.startsWith("~~~")) {
                inCodeBlock = !inCodeBlock;
                continue;
            }
            if (inCodeBlock) {
                continue;
            }
            Matcher heading = HEADING.matcher(trimmed);
            if (heading.matches()) {
                int level = heading.group(1).length();
                String text = heading.group(2);
                if (title == null && level == 1) {
                    title = shortTitle(text);
                }
                inScenarios = (level == 2 || level == 3)
                        && text.toLowerCase(Locale.ROOT).startsWith("testing scenarios");
            } else if (inScenarios && trimmed.startsWith("|")) {
                table.add(cells(trimmed));
            }
        }
        return new LabDoc(lab, title == null ? fileName.replaceFirst("\\.md$", "") : title,
                rowsOf(table));
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

    /** Drops each header row (the one above a {@code |---|} line) and the separator itself. */
    private static List<ScenarioRow> rowsOf(List<List<String>> table) {
        List<ScenarioRow> rows = new ArrayList<>();
        for (int i = 0; i < table.size(); i++) {
            boolean isHeader = i + 1 < table.size() && isSeparator(table.get(i + 1));
            if (isHeader || isSeparator(table.get(i))) {
                continue;
            }
            List<String> cells = table.get(i);
            rows.add(new ScenarioRow(cell(cells, 0), cell(cells, 1), cell(cells, 2)));
        }
        return rows;
    }

    private static boolean isSeparator(List<String> cells) {
        return cells.stream().allMatch(cell -> SEPARATOR_CELL.matcher(cell).matches());
    }

    private static String cell(List<String> cells, int index) {
        return index < cells.size() ? cells.get(index) : "";
    }

    /** {@code | a | b \| c |} has the cells {@code a} and {@code b | c}. */
    static List<String> cells(String tableLine) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        String line = tableLine.substring(1); // the leading pipe
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c == '\\' && i + 1 < line.length() && line.charAt(i + 1) == '|') {
                cell.append('|');
                i++;
            } else if (c == '|') {
                cells.add(cell.toString().trim());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        if (!cell.toString().isBlank()) {
            cells.add(cell.toString().trim()); // a row without its closing pipe
        }
        return cells;
    }
}
