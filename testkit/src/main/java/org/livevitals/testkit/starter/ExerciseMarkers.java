package org.livevitals.testkit.starter;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the {@link ExerciseRegion exercise fences} in a Java source file, and refuses fences that
 * do not pair up: a starter generated from a broken fence would not compile or would give
 * students the answer.
 */
public final class ExerciseMarkers {

    static final Pattern START = Pattern.compile(
            "^(\\s*)// Exercise (\\d+) starts here \\(scenarios ((?:L\\d+-\\d{2}\\s*)+)\\)\\s*$");
    static final Pattern END = Pattern.compile("^\\s*// Exercise (\\d+) ends here\\s*$");

    private ExerciseMarkers() {}

    /** The regions of one file, in order. {@code source} names the file in error messages. */
    public static List<ExerciseRegion> find(String source, List<String> lines) {
        List<ExerciseRegion> regions = new ArrayList<>();
        ExerciseRegion open = null;
        for (int i = 0; i < lines.size(); i++) {
            Matcher start = START.matcher(lines.get(i));
            Matcher end = END.matcher(lines.get(i));
            if (start.matches()) {
                if (open != null) {
                    throw new IllegalStateException(source + ":" + (i + 1) + ": exercise " + start.group(2)
                            + " starts inside exercise " + open.exercise());
                }
                List<String> ids = Arrays.asList(start.group(3).trim().split("\\s+"));
                open = new ExerciseRegion(Integer.parseInt(start.group(2)), ids, i, -1, start.group(1));
            } else if (end.matches()) {
                int number = Integer.parseInt(end.group(1));
                if (open == null || open.exercise() != number) {
                    throw new IllegalStateException(source + ":" + (i + 1) + ": exercise " + number
                            + " ends here but did not start");
                }
                regions.add(new ExerciseRegion(open.exercise(), open.scenarioIds(), open.firstLine(), i, open.indent()));
                open = null;
            } else if (lines.get(i).contains("// Exercise ")) {
                throw new IllegalStateException(source + ":" + (i + 1)
                        + ": looks like an exercise marker but is not one: '" + lines.get(i).trim() + "'");
            }
        }
        if (open != null) {
            throw new IllegalStateException(source + ":" + (open.firstLine() + 1) + ": exercise "
                    + open.exercise() + " never ends");
        }
        return regions;
    }
}
