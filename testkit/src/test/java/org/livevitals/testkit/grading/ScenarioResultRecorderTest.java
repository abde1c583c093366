package org.livevitals.testkit.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.livevitals.testkit.grading.ScenarioResults.Status;
import org.livevitals.testkit.grading.ScenarioResults.TestResult;

/**
 * Runs {@link RecorderFixtures} through a Launcher of its own, with a recorder and filter set up
 * here rather than found through {@code META-INF/services}, so the build's own recorder and
 * settings stay out of it.
 */
class ScenarioResultRecorderTest {

    @TempDir
    Path dir;

    @Test
    void recordsEachTestWithItsScenarioStatusAndReason() {
        ScenarioResults results = run(ScenarioFilter.of(null, null), RecorderFixtures.Mixed.class);

        assertThat(results.build()).isEqualTo("build-1");
        assertThat(results.tests())
                .extracting(TestResult::id, TestResult::status, TestResult::reason)
                .containsExactlyInAnyOrder(
                        tuple("L9-01", Status.PASSED, null),
                        tuple("L9-02", Status.FAILED, "expected 42 but was 41"),
                        tuple("L9-03", Status.SKIPPED, "needs Redis"),
                        tuple("L9-06", Status.FAILED, "IllegalStateException"),
                        tuple("L9-10", Status.SKIPPED, "Chromium is not installed"),
                        tuple(null, Status.PASSED, null));
        assertThat(results.tests()).extracting(TestResult::name)
                .contains("RecorderFixtures$Mixed > passes()");
    }

    @Test
    void recordsEveryInvocationOfAParameterizedTestAndADisabledOneOnce() {
        ScenarioResults results = run(ScenarioFilter.of(null, null), RecorderFixtures.Parameterized.class);

        assertThat(results.tests())
                .extracting(TestResult::id, TestResult::status)
                .containsExactlyInAnyOrder(
                        tuple("L9-04", Status.PASSED),
                        tuple("L9-04", Status.FAILED),
                        tuple("L9-04", Status.PASSED),
                        tuple("L9-05", Status.SKIPPED));
        assertThat(results.tests()).filteredOn(test -> test.status() == Status.FAILED)
                .singleElement().satisfies(failed -> {
                    assertThat(failed.name()).contains("oneInvocationOfThreeFails", "[2]");
                    assertThat(failed.reason()).startsWith("[invocation]");
                });
    }

    @Test
    void aScenarioFilterRunsOnlyThatScenarioAndIsWrittenDown() {
        ScenarioResults results = run(ScenarioFilter.of(null, "l9-04"),
                RecorderFixtures.Mixed.class, RecorderFixtures.Parameterized.class);

        assertThat(results.scenario()).isEqualTo("L9-04");
        assertThat(results.lab()).isNull();
        assertThat(results.tests()).extracting(TestResult::id).containsOnly("L9-04").hasSize(3);
    }

    @Test
    void aLabFilterRunsOnlyThatLabsScenarioTests() {
        ScenarioResults results = run(ScenarioFilter.of("L9", null), RecorderFixtures.Mixed.class);

        assertThat(results.lab()).isEqualTo("9");
        assertThat(results.tests()).extracting(TestResult::id)
                .containsExactlyInAnyOrder("L9-01", "L9-02", "L9-03", "L9-06", "L9-10");
    }

    @Test
    void aFilterForAnotherLabRunsNothing() {
        ScenarioResults results = run(ScenarioFilter.of("1", null),
                RecorderFixtures.Mixed.class, RecorderFixtures.Parameterized.class);

        assertThat(results.tests()).isEmpty();
    }

    @Test
    void inAStarterAFailureAfterAnEarlierLabsStubRanOnAnotherThreadIsGradedWithTheStubsPointer() throws IOException {
        // The stub is in an earlier lab's module: a later lab's test runs the earlier lab's code.
        Path source = dir.resolve("step08-earlier/src/main/java/demo/Greeter.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, "class Greeter {\n    String greet() {\n        "
                + ExerciseStub.line("", RecorderFixtures.StubOnAServerThread.POINTER, java.util.List.of("L9-07")) + "\n    }\n}\n");

        ScenarioResults results = run(ScenarioFilter.of(null, null), RecorderFixtures.StubOnAServerThread.class);

        assertThat(results.tests())
                .extracting(TestResult::id, TestResult::status, TestResult::reason)
                .containsExactly(
                        tuple("L9-07", Status.FAILED, RecorderFixtures.StubOnAServerThread.POINTER + " (not done yet)"),
                        tuple("L9-08", Status.FAILED, "expected 1 but was 2"),
                        tuple("L9-09", Status.PASSED, null));
    }

    @Test
    void withoutStubsInTheCodeAFailureKeepsItsOwnReason() {
        ScenarioResults results = run(ScenarioFilter.of(null, null), RecorderFixtures.StubOnAServerThread.class);

        assertThat(results.tests()).extracting(TestResult::reason)
                .containsExactly("Awaited line 'OK' but end of stream arrived instead", "expected 1 but was 2", null);
    }

    @Test
    void writesTheFileInOneMoveLeavingNoTemporaryFileBehind() throws IOException {
        run(ScenarioFilter.of(null, null), RecorderFixtures.Mixed.class);

        try (Stream<Path> files = Files.list(dir.resolve("step09-demo/target"))) {
            assertThat(files).extracting(file -> file.getFileName().toString())
                    .containsExactly("scenario-results.json");
        }
    }

    private ScenarioResults run(ScenarioFilter filter, Class<?>... fixtures) {
        Path resultsFile = dir.resolve("step09-demo/target/scenario-results.json");
        Launcher launcher = LauncherFactory.create(LauncherConfig.builder()
                .enableTestExecutionListenerAutoRegistration(false)
                .enablePostDiscoveryFilterAutoRegistration(false)
                .build());
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(Stream.of(fixtures).map(fixture -> selectClass(fixture)).toList())
                .filters(filter)
                .configurationParameter(RecorderFixtures.LAUNCHED_BY_TEST, "true")
                .build();
        launcher.execute(request, new ScenarioResultRecorder(resultsFile, "build-1", filter));
        return ScenarioResults.read(resultsFile);
    }
}
