package org.livevitals.testkit.grading;

import java.util.Locale;
import java.util.Optional;
import org.junit.platform.engine.FilterResult;
import org.junit.platform.engine.TestDescriptor;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.PostDiscoveryFilter;

/**
 * Runs one lab's scenarios, or a single scenario, when the build asks for it.
 *
 * <p>{@code ./mvnw verify -Dlab=3} runs only tests tagged {@code @Scenario("L3-..")};
 * {@code -Dscenario=L3-02} runs only that row's test. Surefire passes the two settings on as
 * {@code livevitals.lab} and {@code livevitals.scenario}; the JUnit Platform finds this filter
 * through {@code META-INF/services}. With a filter active, tests without a scenario ID do not
 * run. Without one, everything runs.
 */
public final class ScenarioFilter implements PostDiscoveryFilter {

    private final String lab;
    private final String scenario;

    /** The filter the build asked for; the JUnit Platform creates it through this constructor. */
    public ScenarioFilter() {
        this(TestRunSettings.get(TestRunSettings.LAB).orElse(null),
                TestRunSettings.get(TestRunSettings.SCENARIO).orElse(null));
    }

    private ScenarioFilter(String lab, String scenario) {
        this.lab = normalizeLab(lab);
        this.scenario = isBlank(scenario) ? null : scenario.trim().toUpperCase(Locale.ROOT);
    }

    /**
     * A filter for a lab ({@code "3"} or {@code "L3"}) and/or one scenario ({@code "L3-02"}); either
     * may be null. The scenario wins when both are given.
     */
    public static ScenarioFilter of(String lab, String scenario) {
        return new ScenarioFilter(lab, scenario);
    }

    /** The lab number being run, e.g. {@code "3"}, or null. */
    public String lab() {
        return lab;
    }

    /** The single scenario being run, e.g. {@code "L3-02"}, or null. */
    public String scenario() {
        return scenario;
    }

    public boolean isActive() {
        return lab != null || scenario != null;
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
        return scenario != null ? id.equals(scenario) : id.startsWith("L" + lab + "-");
    }

    @Override
    public FilterResult apply(TestDescriptor descriptor) {
        if (!isActive()) {
            return FilterResult.included("no scenario filter");
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
        if (scenario != null) {
            return "-Dscenario=" + scenario;
        }
        return lab != null ? "-Dlab=" + lab : "no scenario filter";
    }

    /** {@code "L03"}, {@code "3"} and {@code "03"} all mean lab 3. */
    private static String normalizeLab(String lab) {
        if (isBlank(lab)) {
            return null;
        }
        String number = lab.trim().replaceFirst("^[Ll]", "");
        return number.matches("\\d+") ? String.valueOf(Integer.parseInt(number)) : number;
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
