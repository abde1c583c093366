package org.livevitals.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * How often anyone may try a password: the defence against guessing, and against one client keeping
 * every sign-in slot busy ({@link Users} allows only a few password checks at once, and each costs
 * tens of milliseconds on purpose).
 *
 * <p>Two counts a minute: attempts from one address, whatever the user name (a guessing script), and
 * failures for one user name, from any address (a spread-out guess at one account). Past either, the
 * answer is 429 at once, before any password is checked. A user name that does not exist is counted
 * like one that does, so the 429 reveals nothing. The price: someone guessing at a nurse's name can
 * keep her out for a minute at a time; the audit trail shows who.
 */
final class SignInThrottle {

    static final int ATTEMPTS_PER_ADDRESS = 20;
    static final int FAILURES_PER_USER = 10;
    static final Duration WINDOW = Duration.ofMinutes(1);
    static final int MAX_KEYS = 10_000;

    private final WindowCounter attempts;
    private final WindowCounter failures;

    SignInThrottle(Clock clock) {
        attempts = new WindowCounter(clock, WINDOW, MAX_KEYS);
        failures = new WindowCounter(clock, WINDOW, MAX_KEYS);
    }

    /** Counts an attempt; the reason it is refused, or empty when the password may be checked. */
    Optional<String> attempt(String address, String username) {
        int number = attempts.add(String.valueOf(address));
        if (number == 0 || number > ATTEMPTS_PER_ADDRESS) {
            return Optional.of("too many sign-in attempts from this address: wait a minute");
        }
        if (failures.count(username) >= FAILURES_PER_USER) {
            return Optional.of("too many failed sign-ins for this user name: wait a minute");
        }
        return Optional.empty();
    }

    void failed(String username) {
        failures.add(username);
    }
}
