package org.livevitals.testkit.grading;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.PostDiscoveryFilter;
import org.livevitals.testkit.CourseFiles;

/**
 * Runs some labs' scenarios, or some scenarios, when the build asks for it.
 *
 * <p>{@code ./mvnw verify -Dlab=3} runs only tests tagged {@code @Scenario("L3-..")};
 * {@code -Dscenario=L3-02} runs only that row's test. Both take a comma list ({@code -Dlab=1,3},
 * {@code -Dscenario=L1-03,L3-02}). Surefire passes the two settings on as {@code livevitals.lab}
 * and {@code livevitals.scenario}; the JUnit Platform finds this filter through
 * {@code META-INF/services}. With a filter active, tests without a scenario ID do not run.
 * Without one, everything runs. A lab or scenario the course does not have is reported by
 * {@link #problems}, so that a typo fails the build instead of running nothing.
 */
public final class ScenarioFilter implements PostDiscoveryFilter {

    private static final Pattern LAB = Pattern.compile("[Ll]?0*(\\d{1,9})");
    private static final Pattern LOOSE_SCENARIO = Pattern.compile("[Ll]0*(\\d{1,9})-(\\d{2})");
    private static final Pattern SCENARIO = Pattern.compile("L\\d+-\\d{2}");

    private final List<String> labs;
    private final List<String> scenarios;
    /**
     * Whether the filter names only labs and scenarios the course has; the build's filter checks
     * it once, on first use, against the course's labs.
     */
    private Boolean namesOnlyWhatExists;

    /** The filter the build asked for; the JUnit Platform creates it through this constructor. */
    public ScenarioFilter() {
        this(TestRunSettings.get(TestRunSettings.LAB).orElse(null),
                TestRunSettings.get(TestRunSettings.SCENARIO).orElse(null));
        this.namesOnlyWhatExists = null; // checked against the course's labs on first use
    }

    private ScenarioFilter(String labs, String scenarios) {
        this.labs = items(labs).stream().map(ScenarioFilter::normalizeLab).toList();
        this.scenarios = items(scenarios).stream().map(ScenarioFilter::normalizeScenario).toList();
        this.namesOnlyWhatExists = true; // a filter made in code is taken as it is
    }

    /**
     * A filter for labs ({@code "3"}, {@code "L3"}, {@code "1,3"}) and/or scenarios
     * ({@code "L3-02"}, {@code "L1-03,L3-02"}); either may be null. Scenarios win when both are given.
     */
    public static ScenarioFilter of(String labs, String scenarios) {
        return new ScenarioFilter(labs, scenarios);
    }

    /** The labs being run, e.g. {@code "3"} or {@code "1,3"}, or null. */
    public String lab() {
        return labs.isEmpty() ? null : String.join(",", labs);
    }

    /** The scenarios being run, e.g. {@code "L3-02"}, or null. */
    public String scenario() {
        return scenarios.isEmpty() ? null : String.join(",", scenarios);
    }

    public boolean isActive() {
        return !labs.isEmpty() || !scenarios.isEmpty();
    }

    /** Whether a test with this scenario ID (null for a test without one) belongs in the run. */
    public boolean includes(String scenarioId) {
        if (!isActive()) {
            return true;
        }
        if (scenarioId == null) {
            return false;
        }
        String id = scenarioId.toUpperCase(Locale.ROOT);
        return !scenarios.isEmpty()
                ? scenarios.contains(id)
                : labs.stream().anyMatch(lab -> id.startsWith("L" + lab + "-"));
    }

    /**
     * What the filter names that the course under {@code root} does not have (a lab without a
     * {@code labs/stepNN-*.md}, an ID no lab's table has), each as a message naming it and what
     * there is instead; empty when the filter is fine or inactive.
     */
    public List<String> problems(Path root) throws IOException {
        List<String> problems = new ArrayList<>();
        Map<Integer, LabDoc> docs = LabDoc.all(root);
        for (String lab : labs) {
            if (!lab.matches("\\d{1,9}") || !docs.containsKey(Integer.parseInt(lab))) {
                problems.add("-Dlab=" + lab + ": there is no such lab; the labs are " + joined(docs.keySet())
                        + " (a comma list such as -Dlab=1,3 runs several)");
            }
        }
        Set<String> ids = new TreeSet<>();
        docs.values().forEach(doc -> doc.rows().forEach(row -> ids.add(row.id())));
        for (String scenario : scenarios) {
            if (!SCENARIO.matcher(scenario).matches()) {
                problems.add("-Dscenario=" + scenario + ": a scenario ID looks like L1-05 (a comma list such as"
                        + " -Dscenario=L1-03,L1-05 runs several)");
            } else if (!ids.contains(scenario)) {
                problems.add("-Dscenario=" + scenario + ": no lab's Testing scenarios table has this ID");
            }
        }
        return problems;
    }

    private static String joined(Set<Integer> labs) {
        return labs.stream().map(String::valueOf).collect(Collectors.joining(", "));
    }

    @Override
    public FilterResult apply(TestDescriptor descriptor) {
        if (!isActive()) {
            return FilterResult.included("no scenario filter");
        }
        if (!namesOnlyWhatExists()) { // -Dlab=1,9: run nothing, and the scorecard names the 9 at once
            return FilterResult.excluded(this + " names a lab or scenario the course does not have");
        }
        Optional<MethodSource> method = descriptor.getSource()
                .filter(MethodSource.class::isInstance)
                .map(MethodSource.class::cast);
        // The platform asks about every descriptor that has no children yet. Classes left empty are
        // pruned after filtering; a parameterized test is a container without children at this point
        // (its invocations come later), so it is judged by its method like any other test.
        if (descriptor.isContainer() && method.isEmpty()) {
            return FilterResult.included("a container is pruned when none of its tests is left");
        }
        String id = method.flatMap(ScenarioIds::of).orElse(null);
        String what = id == null ? "not a scenario test" : id;
        return FilterResult.includedIf(includes(id),
                () -> what + " is in " + this, () -> what + " is outside " + this);
    }

    @Override
    public String toString() {
        if (!scenarios.isEmpty()) {
            return "-Dscenario=" + scenario();
        }
        return !labs.isEmpty() ? "-Dlab=" + lab() : "no scenario filter";
    }

    private synchronized boolean namesOnlyWhatExists() {
        if (namesOnlyWhatExists == null) {
            try {
                namesOnlyWhatExists = problems(CourseFiles.root()).isEmpty();
            } catch (IOException e) {
                namesOnlyWhatExists = true; // no labs to check against (a test's own launcher): let it run
            }
        }
        return namesOnlyWhatExists;
    }

    /** The items of a comma list, trimmed; none for null or blank. */
    private static List<String> items(String list) {
        if (list == null || list.isBlank()) {
            return List.of();
        }
        return Arrays.stream(list.split(",")).map(String::trim).filter(item -> !item.isEmpty()).toList();
    }

    /** {@code "l3-02"} and {@code "L03-02"} mean {@code L3-02}; anything else is kept to be reported. */
    private static String normalizeScenario(String id) {
        Matcher scenario = LOOSE_SCENARIO.matcher(id);
        return scenario.matches()
                ? "L" + Integer.parseInt(scenario.group(1)) + "-" + scenario.group(2)
                : id.toUpperCase(Locale.ROOT);
    }

    /** {@code "L03"}, {@code "3"} and {@code "03"} all mean lab 3; anything else is kept to be reported. */
    private static String normalizeLab(String lab) {
        Matcher number = LAB.matcher(lab);
        return number.matches() ? String.valueOf(Integer.parseInt(number.group(1))) : lab;
    }
}
