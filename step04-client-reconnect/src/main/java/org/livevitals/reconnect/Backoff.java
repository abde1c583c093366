package org.livevitals.reconnect;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long a client waits before its next attempt to reconnect: exponential backoff with full jitter.
 *
 * <p>Exponential: each failed attempt doubles the ceiling, so a server that is down is not hammered,
 * up to a cap, so a client that has waited long is not left waiting for ever. Full jitter: the wait is
 * drawn at random between zero and the ceiling. Without it, every dashboard that lost the same server
 * at the same moment would come back at the same moments too: a thundering herd at each doubling
 * (labs/step04-client-reconnect.md shows both, measured).
 *
 * @param initial the ceiling of the first retry
 * @param cap     the ceiling never grows past this
 * @param jitter  {@link Jitter#FULL} in real clients; {@link Jitter#NONE} shows the herd
 */
public record Backoff(Duration initial, Duration cap, Jitter jitter) {

    public enum Jitter { NONE, FULL }

    /** Half a second, doubling, at most 30 s: a restart that takes seconds costs a few quick tries. */
    public static final Backoff DEFAULT = new Backoff(Duration.ofMillis(500), Duration.ofSeconds(30), Jitter.FULL);

    public Backoff {
        if (initial.toMillis() < 1 || cap.compareTo(initial) < 0) {
            throw new IllegalArgumentException("need 1 ms <= initial <= cap, not " + initial.toMillis()
                    + " ms and " + cap.toMillis() + " ms");
        }
    }

    /**
     * The wait before retry number {@code attempt} (1 for the first retry after a loss).
     *
     * @param random where full jitter draws from; tests pass a seeded one
     */
    public Duration delay(int attempt, RandomGenerator random) {
        if (attempt < 1) {
            throw new IllegalArgumentException("attempts count from 1, not " + attempt);
        }
        // Exercise 3 starts here (scenarios L4-03 L4-08)
        long ceiling = initial.toMillis();
        for (int i = 1; i < attempt && ceiling < cap.toMillis(); i++) {
            ceiling *= 2; // stops doubling at the cap, so it never overflows
        }
        ceiling = Math.min(ceiling, cap.toMillis());
        long wait = jitter == Jitter.FULL ? random.nextLong(ceiling + 1) : ceiling;
        return Duration.ofMillis(wait);
        // Exercise 3 ends here
    }
}
