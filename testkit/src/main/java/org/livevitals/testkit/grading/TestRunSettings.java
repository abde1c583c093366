package org.livevitals.testkit.grading;

import java.util.Optional;

/**
 * The settings Surefire hands to the test JVM, as system properties (see the parent pom's
 * {@code systemPropertyVariables}).
 *
 * <p>A Maven property nobody set arrives empty, or as the literal text {@code ${lab}} when an IDE
 * copies the pom's settings without resolving them; both mean "not set".
 */
final class TestRunSettings {

    static final String BUILD = "livevitals.build";
    static final String RESULTS = "livevitals.results";
    static final String LAB = "livevitals.lab";
    static final String SCENARIO = "livevitals.scenario";
    static final String TEST = "livevitals.test";

    private TestRunSettings() {}

    static Optional<String> get(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank() || value.startsWith("${")) {
            return Optional.empty();
        }
        return Optional.of(value.trim());
    }
}
