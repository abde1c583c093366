package org.livevitals.reconnect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.random.RandomGenerator;
import java.util.random.RandomGeneratorFactory;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.livevitals.testkit.Scenario;

class BackoffTest {

    private static final Backoff NO_JITTER = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), Backoff.Jitter.NONE);
    private static final Backoff FULL_JITTER = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), Backoff.Jitter.FULL);
    private static final int DRAWS = 10_000;
    /** The same draws on every run: the mean check is statistics, and a test must not be a lottery. */
    private static final long SEED = 42;
    /** The mean of 10,000 uniform draws lies within 3 % of the ceiling of half the ceiling (many standard errors). */
    private static final double MEAN_TOLERANCE = 0.03;

    @Test
    @Scenario("L4-08")
    void backoffDoublesUpToTheCapAndFullJitterDrawsBelowTheCeiling() {
        List<Long> waits = IntStream.rangeClosed(1, 10)
                .mapToObj(attempt -> NO_JITTER.delay(attempt, RandomGenerator.getDefault()).toMillis()).toList();
        assertThat(waits).containsExactly(500L, 1000L, 2000L, 4000L, 8000L, 16000L, 30000L, 30000L, 30000L, 30000L);

        RandomGenerator seeded = RandomGeneratorFactory.of("L64X128MixRandom").create(SEED);
        for (int attempt = 1; attempt <= 10; attempt++) {
            long ceiling = waits.get(attempt - 1);
            int thisAttempt = attempt;
            long[] draws = IntStream.range(0, DRAWS)
                    .mapToLong(i -> FULL_JITTER.delay(thisAttempt, seeded).toMillis()).toArray();
            assertThat(java.util.Arrays.stream(draws).boxed().toList()).as("retry %d: every draw in 0..%d ms", attempt, ceiling)
                    .allMatch(d -> d >= 0 && d <= ceiling);
            double mean = java.util.Arrays.stream(draws).average().orElseThrow();
            assertThat(mean).as("retry %d: mean of the draws", attempt)
                    .isBetween(ceiling * (0.5 - MEAN_TOLERANCE), ceiling * (0.5 + MEAN_TOLERANCE));
        }
    }

    @Test
    void aHugeAttemptNumberStaysAtTheCapWithoutOverflowing() {
        assertThat(NO_JITTER.delay(Integer.MAX_VALUE, RandomGenerator.getDefault())).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void nonsenseIsRefused() {
        assertThatThrownBy(() -> NO_JITTER.delay(0, RandomGenerator.getDefault())).hasMessageContaining("from 1");
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), Backoff.Jitter.FULL))
                .hasMessageContaining("initial <= cap");
    }
}
