package org.livevitals.testkit.grading;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.livevitals.testkit.grading.ScenarioResults.Status;
import org.livevitals.testkit.grading.ScenarioResults.TestResult;

/**
 * Records how every test ended, with its scenario ID, for the scorecard.
 *
 * <p>Surefire lets a module's build go on when tests fail ({@code testFailureIgnore}), so that the
 * scorecard can grade every row and then fail the build with a list of what broke. This listener
 * is how the scorecard learns what happened: the JUnit Platform finds it through
 * {@code META-INF/services}, and when the run ends it writes the file named by the system property
 * {@code livevitals.results} (see {@link ScenarioResults}). Outside the Maven build that property
 * is not set, and nothing is written.
 *
 * <p>Its callbacks are synchronized because a run with JUnit's parallel execution turned on may
 * report tests from several threads.
 */
public final class ScenarioResultRecorder implements TestExecutionListener {

    private static final int MAX_REASON_LENGTH = 300;

    private final Path resultsFile;
    private final String build;
    private final ScenarioFilter filter;
    private final Map<String, TestResult> resultsByUniqueId = new LinkedHashMap<>();
    private TestPlan testPlan;
    private StubWatch stubWatch;

    /** The recorder the build asked for; the JUnit Platform creates it through this constructor. */
    public ScenarioResultRecorder() {
        this(TestRunSettings.get(TestRunSettings.RESULTS).map(Path::of).orElse(null),
                TestRunSettings.get(TestRunSettings.BUILD).orElse(null),
                new ScenarioFilter());
    }

    /**
     * A recorder that writes to {@code resultsFile} (nothing, if null), stamped with {@code build}.
     * The filter is only written down, so the report knows which rows this run left out.
     */
    ScenarioResultRecorder(Path resultsFile, String build, ScenarioFilter filter) {
        this.resultsFile = resultsFile;
        this.build = build;
        this.filter = filter;
    }

    /**
     * In a student's copy, exercise stubs are left in the module's code ({@link ExerciseStub}):
     * watch for them, so a failure they caused is graded with their pointer ({@link StubWatch}).
     */
    @Override
    public synchronized void testPlanExecutionStarted(TestPlan testPlan) {
        this.testPlan = testPlan;
        if (resultsFile != null) {
            Path module = resultsFile.toAbsolutePath().getParent().getParent();
            Collection<String> stubs = ExerciseStub.pointersInCourseOf(module);
            if (!stubs.isEmpty()) {
                stubWatch = StubWatch.start(stubs);
            }
        }
    }

    @Override
    public synchronized void executionStarted(TestIdentifier identifier) {
        if (stubWatch != null && identifier.isTest()) {
            stubWatch.testStarted();
        }
    }

    @Override
    public synchronized void executionSkipped(TestIdentifier identifier, String reason) {
        recordWithEverythingUnder(identifier, Status.SKIPPED, oneLine(reason));
    }

    @Override
    public synchronized void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        Status status = statusOf(result);
        String reason = result.getThrowable().map(ScenarioResultRecorder::reasonOf)
                .map(text -> status == Status.SKIPPED ? text.replaceFirst("^Assumption failed: ", "") : text)
                .orElse(null);
        if (identifier.isTest()) {
            record(identifier, status, reason);
        } else if (status != Status.PASSED) {
            recordWithEverythingUnder(identifier, status, reason);
        }
    }

    @Override
    public synchronized void testPlanExecutionFinished(TestPlan testPlan) {
        if (stubWatch != null) {
            stubWatch.close();
        }
        if (resultsFile == null) {
            return;
        }
        ScenarioResults results = new ScenarioResults(build, filter.lab(), filter.scenario(),
                TestRunSettings.get(TestRunSettings.TEST).orElse(null),
                resultsByUniqueId.values().stream().toList());
        try {
            results.write(resultsFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the scenario results to " + resultsFile, e);
        }
    }

    /**
     * A container that is skipped or fails (a disabled class, a failing {@code @BeforeAll}, a
     * parameterized test whose arguments could not be built) ends its tests without a word about
     * each one. They are recorded here with the container's status and reason, so their scenarios
     * say what happened instead of "no result". A container whose tests all ended already (an
     * {@code @AfterAll} that failed) is recorded itself, so the failure is not lost.
     */
    private void recordWithEverythingUnder(TestIdentifier container, Status status, String reason) {
        if (!recordUnfinishedLeaves(container, status, reason)) {
            record(container, status, reason);
        }
    }

    private boolean recordUnfinishedLeaves(TestIdentifier node, Status status, String reason) {
        Set<TestIdentifier> children = testPlan == null ? Set.of() : testPlan.getChildren(node);
        if (children.isEmpty()) {
            return !resultsByUniqueId.containsKey(node.getUniqueId()) && record(node, status, reason);
        }
        boolean recordedAny = false;
        for (TestIdentifier child : children) {
            recordedAny |= recordUnfinishedLeaves(child, status, reason);
        }
        return recordedAny;
    }

    private boolean record(TestIdentifier identifier, Status status, String reason) {
        String explained = status == Status.FAILED && stubWatch != null
                ? stubWatch.stubBehind(reason).map(ExerciseStub::notDoneYet).orElse(reason)
                : reason;
        resultsByUniqueId.put(identifier.getUniqueId(),
                new TestResult(scenarioIdOf(identifier).orElse(null), nameOf(identifier), status, explained));
        return true;
    }

    /**
     * The nearest {@code @Scenario} on the way up: an invocation of a parameterized test, or a test
     * made by a {@code @TestFactory}, takes the ID of the method that produced it.
     */
    private Optional<String> scenarioIdOf(TestIdentifier identifier) {
        for (TestIdentifier node = identifier; node != null; node = parentOf(node)) {
            Optional<String> id = node.getSource().flatMap(ScenarioIds::of);
            if (id.isPresent()) {
                return id;
            }
        }
        return Optional.empty();
    }

    /** {@code LineProtocolTest > L1-02 garbage line gets err > [2] "HELLO"}: the engine is left out. */
    private String nameOf(TestIdentifier identifier) {
        Deque<String> names = new ArrayDeque<>();
        for (TestIdentifier node = identifier; node != null; node = parentOf(node)) {
            if (node.getParentIdObject().isPresent() || node == identifier) {
                names.addFirst(node.getDisplayName());
            }
        }
        return String.join(" > ", names);
    }

    private TestIdentifier parentOf(TestIdentifier identifier) {
        return testPlan == null ? null : testPlan.getParent(identifier).orElse(null);
    }

    private static Status statusOf(TestExecutionResult result) {
        switch (result.getStatus()) {
            case SUCCESSFUL:
                return Status.PASSED;
            case ABORTED:
                return Status.SKIPPED;
            default:
                return Status.FAILED;
        }
    }

    /**
     * The failure's message on one line, short enough for a table cell; the exception's class name
     * when there is no message ({@code NullPointerException} says more than an empty cell).
     */
    static String reasonOf(Throwable failure) {
        String message = failure.getMessage();
        return message == null || message.isBlank()
                ? failure.getClass().getSimpleName()
                : oneLine(message);
    }

    /**
     * AssertJ spreads a message over lines ({@code expected: "ERR"}, then {@code but was: "OK"}); a
     * report cell needs all of it on one.
     */
    private static String oneLine(String text) {
        if (text == null) {
            return null;
        }
        String line = text.strip().replaceAll("\\s+", " ");
        return line.length() <= MAX_REASON_LENGTH
                ? line
                : line.substring(0, MAX_REASON_LENGTH - 1) + "…";
    }
}
