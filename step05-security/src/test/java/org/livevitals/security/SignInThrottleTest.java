package org.livevitals.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.livevitals.testkit.SettableClock;

/** The sign-in throttle's two counts, and what it answers when the user-name count is full. */
class SignInThrottleTest {

    /** A counter this small is filled by a handful of made-up names, where the real one takes 10,000. */
    private static final int SMALL_CAPACITY = 3;
    private static final String ATTACKER = "203.0.113.9";
    private static final String NURSE_ADDRESS = "10.0.0.7";
    private static final String NURSE = "nurse.kim";

    private final SettableClock clock = new SettableClock(Instant.parse("2026-11-30T10:00:00Z"));

    @Test
    void tenFailuresForOneUserNameFromAnywhereRefuseItsNextAttempt() {
        SignInThrottle throttle = new SignInThrottle(clock);
        for (int i = 0; i < SignInThrottle.FAILURES_PER_USER; i++) {
            assertThat(throttle.attempt("192.0.2." + i, NURSE)).as("attempt %d", i + 1).isEmpty();
            throttle.failed(NURSE);
        }
        assertThat(throttle.attempt(NURSE_ADDRESS, NURSE)).contains(SignInThrottle.TOO_MANY_FOR_USER);
        clock.advance(SignInThrottle.WINDOW);
        assertThat(throttle.attempt(NURSE_ADDRESS, NURSE)).as("a minute later").isEmpty();
    }

    @Test
    void whenTheUserNameCountIsFullANameItDoesNotCountIsRefusedNotLetThroughUnlimited() {
        SignInThrottle throttle = new SignInThrottle(clock, SMALL_CAPACITY);
        for (int i = 0; i < SMALL_CAPACITY; i++) { // the attacker fills the count with made-up names
            String madeUp = "made-up-" + i;
            assertThat(throttle.attempt(ATTACKER, madeUp)).as(madeUp).isEmpty();
            throttle.failed(madeUp);
        }

        for (int guess = 1; guess <= SignInThrottle.FAILURES_PER_USER + 1; guess++) { // as SignInApi calls it
            Optional<String> refused = throttle.attempt(ATTACKER, NURSE);
            if (refused.isEmpty()) {
                throttle.failed(NURSE); // the wrong password was checked: its failure cannot be counted
            }
            assertThat(refused).as("guess %d at a real name the full count cannot take", guess)
                    .contains(SignInThrottle.TOO_MANY_USER_NAMES);
        }
        assertThat(throttle.attempt(NURSE_ADDRESS, "made-up-0")).as("a name the count already holds: its own count decides")
                .isEmpty();

        clock.advance(SignInThrottle.WINDOW);
        assertThat(throttle.attempt(NURSE_ADDRESS, NURSE)).as("a minute later, the made-up names' windows ended").isEmpty();
    }
}
