package org.livevitals.testkit.grading;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.livevitals.testkit.grading.ScenarioScanner.ScenarioTest;

class ScenarioScannerTest {

    @Test
    void findsScenarioMethodsInNestedClassesOfTheCompiledTests() throws Exception {
        Path testClasses = Path.of(RecorderFixtures.class.getProtectionDomain().getCodeSource().getLocation().toURI());

        assertThat(ScenarioScanner.scan(testClasses, getClass().getClassLoader()))
                .contains(
                        new ScenarioTest("L9-01", "RecorderFixtures.Mixed#passes"),
                        new ScenarioTest("L9-04", "RecorderFixtures.Parameterized#oneInvocationOfThreeFails"))
                .noneMatch(test -> test.test().endsWith("#checksNoScenario"));
    }
}
