package org.livevitals.testkit.grading;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.livevitals.testkit.Scenario;

/**
 * Tests for the grading tests to run through a Launcher of their own. Surefire does not pick them
 * up (the class name does not end in Test), and an IDE that does finds them disabled: they run
 * only when the launch sets {@link #LAUNCHED_BY_TEST}.
 */
final class RecorderFixtures {

    static final String LAUNCHED_BY_TEST = "livevitals.fixtures";

    private RecorderFixtures() {}

    @ExtendWith(OnlyWhenLaunchedByATest.class)
    static class Mixed {

        @Test
        @Scenario("L9-01")
        void passes() {}

        @Test
        @Scenario("L9-02")
        void fails() {
            fail("expected 42\n but was 41");
        }

        @Test
        @Scenario("L9-03")
        @Disabled("needs Redis")
        void isDisabled() {}

        @Test
        @Scenario("L9-06")
        void throwsWithoutMessage() {
            throw new IllegalStateException();
        }

        @Test
        @Scenario("L9-10")
        void abortsOnAnAssumption() {
            Assumptions.assumeTrue(false, "Chromium is not installed");
        }

        @Test
        void checksNoScenario() {}
    }

    @ExtendWith(OnlyWhenLaunchedByATest.class)
    static class Parameterized {

        @ParameterizedTest
        @ValueSource(ints = {1, 2, 3})
        @Scenario("L9-04")
        void oneInvocationOfThreeFails(int n) {
            assertThat(n).as("invocation").isNotEqualTo(2);
        }

        @ParameterizedTest
        @ValueSource(ints = {1})
        @Scenario("L9-05")
        @Disabled("not written yet")
        void disabledParameterized(int n) {}
    }

    /** A starter's stub that throws on a server thread, and a failure that has nothing to do with it. */
    @ExtendWith(OnlyWhenLaunchedByATest.class)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class StubOnAServerThread {

        static final String POINTER = "Lab 9, exercise 1: say hello — see labs/step09-demo.md#exercise-1-say-hello";

        @Test
        @Order(1)
        @Scenario("L9-07")
        void failsWithTheConsequence() throws InterruptedException {
            Thread server = new Thread(() -> {
                throw new UnsupportedOperationException(POINTER);
            });
            server.start(); // the default handler prints the exception to System.err, as a server's log would
            server.join();
            fail("Awaited line 'OK' but end of stream arrived instead");
        }

        @Test
        @Order(2)
        @Scenario("L9-08")
        void failsForAnotherReasonAfterwards() {
            fail("expected 1 but was 2");
        }

        @Test
        @Order(3)
        @Scenario("L9-09")
        void passesAlthoughTheStubRan() {
            System.err.println("java.lang.UnsupportedOperationException: " + POINTER);
        }
    }

    static final class OnlyWhenLaunchedByATest implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(LAUNCHED_BY_TEST).filter("true"::equals).isPresent()
                    ? ConditionEvaluationResult.enabled("launched by a grading test")
                    : ConditionEvaluationResult.disabled("a fixture, run only by the grading tests");
        }
    }
}
