package org.livevitals.testkit.grading;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * What one test run of a module recorded: the {@code target/scenario-results.json} that
 * {@link ScenarioResultRecorder} writes and {@link GradingReport} reads.
 *
 * <p>{@code build} is the Maven build's stamp, so the report can tell this build's results from a
 * file left behind by an earlier one. {@code lab} and {@code scenario} are the filter the run used
 * (null when none), so the report knows which rows were left out on purpose; {@code test} is
 * Surefire's {@code -Dtest} selection, which leaves out every row whose test it did not pick.
 *
 * @param tests one entry per test that ran or was skipped: each invocation of a parameterized
 *     test is an entry of its own, all with the method's scenario ID
 */
public record ScenarioResults(String build, String lab, String scenario, String test, List<TestResult> tests) {

    /** How a test ended; an aborted test (a failed assumption) counts as skipped. */
    public enum Status { PASSED, FAILED, SKIPPED }

    /**
     * One test's outcome.
     *
     * @param id the test method's {@code @Scenario} ID, or null for a test that checks no row
     * @param name the display names from the test class down to the test, joined by {@code " > "}
     * @param reason why it failed or was skipped, on one line; null when it passed
     */
    public record TestResult(String id, String name, Status status, String reason) {}

    private static final JsonMapper JSON =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    public ScenarioResults {
        tests = List.copyOf(tests);
    }

    public static ScenarioResults read(Path file) {
        return JSON.readValue(file, ScenarioResults.class);
    }

    /** The filter the run used, to tell a row left out on purpose from a row whose test is missing. */
    public ScenarioFilter filter() {
        return ScenarioFilter.of(lab, scenario);
    }

    /**
     * Writes a temporary file beside {@code file} and moves it into place, so a reader never sees half
     * a file.
     */
    public void write(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        Path temporary = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        try {
            JSON.writeValue(temporary, this);
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException notOnThisFileSystem) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }
}
