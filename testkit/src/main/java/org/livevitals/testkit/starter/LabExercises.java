package org.livevitals.testkit.starter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The exercise sections of one lab document, so a stub can point at the section that teaches it.
 *
 * <p>A section is a heading {@code ### Exercise 2: parse a line}; its link is the anchor GitHub
 * gives that heading, {@code labs/step01-raw-sockets.md#exercise-2-parse-a-line}.
 */
public final class LabExercises {

    private static final Pattern HEADING = Pattern.compile("^#{2,4}\\s+Exercise (\\d+):\\s*(.+?)\\s*$");

    private static final Pattern SCENARIO_ID = Pattern.compile("\\bL\\d+-\\d{2}\\b");

    private final int lab;
    private final String docPath;
    private final Map<Integer, String> titles;
    private final Map<Integer, Set<String>> scenarioIds;

    private LabExercises(int lab, String docPath, Map<Integer, String> titles, Map<Integer, Set<String>> scenarioIds) {
        this.lab = lab;
        this.docPath = docPath;
        this.titles = titles;
        this.scenarioIds = scenarioIds;
    }

    /** Reads {@code labs/<module>.md} under {@code root}; the lab number comes from {@code stepNN}. */
    public static LabExercises of(Path root, String module) throws IOException {
        String docPath = "labs/" + module + ".md";
        Map<Integer, String> titles = new LinkedHashMap<>();
        Map<Integer, Set<String>> scenarioIds = new LinkedHashMap<>();
        Path doc = root.resolve(docPath);
        if (Files.isRegularFile(doc)) {
            Integer current = null; // the exercise whose section we are in
            for (String line : Files.readAllLines(doc)) {
                Matcher heading = HEADING.matcher(line.trim());
                if (heading.matches()) {
                    current = Integer.parseInt(heading.group(1));
                    titles.put(current, heading.group(2));
                    scenarioIds.put(current, new TreeSet<>());
                } else if (line.startsWith("#")) {
                    current = null;
                } else if (current != null) {
                    Matcher id = SCENARIO_ID.matcher(line);
                    while (id.find()) {
                        scenarioIds.get(current).add(id.group());
                    }
                }
            }
        }
        return new LabExercises(labNumber(module), docPath, titles, scenarioIds);
    }

    static int labNumber(String module) {
        Matcher step = Pattern.compile("^step(\\d+)-").matcher(module);
        if (!step.find()) {
            throw new IllegalStateException(module + " is not a step module (stepNN-name)");
        }
        return Integer.parseInt(step.group(1));
    }

    public int lab() {
        return lab;
    }

    public String docPath() {
        return docPath;
    }

    /** The scenario IDs each exercise's section names: the rows it promises to turn green. */
    public Map<Integer, Set<String>> scenarioIds() {
        return scenarioIds;
    }

    /** Every exercise heading of the lab, by number. */
    public Map<Integer, String> titles() {
        return titles;
    }

    /**
     * What a student sees when the stub runs, e.g. {@code Lab 3, exercise 2: broadcast the reading
     * to every open session — see labs/step03-broadcast.md#exercise-2-broadcast-...}.
     */
    public String pointer(int exercise) {
        String title = titles.get(exercise);
        if (title == null) {
            throw new IllegalStateException(docPath + " has no '### Exercise " + exercise
                    + ": ...' section for the code fenced as exercise " + exercise);
        }
        return "Lab " + lab + ", exercise " + exercise + ": " + title + " — see " + docPath + "#"
                + anchor("Exercise " + exercise + ": " + title);
    }

    /** GitHub's heading anchor: lower case, punctuation dropped, spaces to hyphens. */
    static String anchor(String heading) {
        return heading.toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N} _-]", "")
                .replace(' ', '-');
    }
}
