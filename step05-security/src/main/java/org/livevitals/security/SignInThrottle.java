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
 *
 * <p>Each count holds at most {@value #MAX_KEYS} addresses or user names at once, and when one is full
 * the answer is no, on both sides alike. An address the full counter cannot take is refused. So is a
 * user name it is not already counting: its failure could not be counted, and a name never counted
 * reads as zero failures, so letting it through would hand whoever filled the counter (ten thousand
 * made-up names failed within a minute) an unlimited guess at any real one. Names already counted keep
 * their own count, and room comes back as their minutes end. The price, again: while it is full, a
 * person whose name has no recent failure waits for a minute to end. (The few checks already running at
 * the moment it fills may go uncounted; every attempt after that is refused.)
 */
final class SignInThrottle {

    static final int ATTEMPTS_PER_ADDRESS = 20;
    static final int FAILURES_PER_USER = 10;
    static final Duration WINDOW = Duration.ofMinutes(1);
    static final int MAX_KEYS = 10_000;

    static final String TOO_MANY_FROM_ADDRESS = "too many sign-in attempts from this address: wait a minute";
    static final String TOO_MANY_FOR_USER = "too many failed sign-ins for this user name: wait a minute";
    static final String TOO_MANY_USER_NAMES = "too many user names with failed sign-ins: wait a minute";

    private final WindowCounter attempts;
    private final WindowCounter failures;

    SignInThrottle(Clock clock) {
        this(clock, MAX_KEYS);
    }

    /** With room for {@code maxKeys} addresses and as many user names: a test fills it with a few. */
    SignInThrottle(Clock clock, int maxKeys) {
        attempts = new WindowCounter(clock, WINDOW, maxKeys);
        failures = new WindowCounter(clock, WINDOW, maxKeys);
    }

    /** Counts an attempt; the reason it is refused, or empty when the password may be checked. */
    Optional<String> attempt(String address, String username) {
        int number = attempts.add(String.valueOf(address));
        if (number == 0 || number > ATTEMPTS_PER_ADDRESS) {
            return Optional.of(TOO_MANY_FROM_ADDRESS);
        }
        if (!failures.hasRoomFor(username)) { // a failure could not be counted: refused, like an address above
            return Optional.of(TOO_MANY_USER_NAMES);
        }
        if (failures.count(username) >= FAILURES_PER_USER) {
            return Optional.of(TOO_MANY_FOR_USER);
        }
        return Optional.empty();
    }

    void failed(String username) {
        failures.add(username);
    }
}
