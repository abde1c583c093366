package org.livevitals.rawsockets;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.function.Function;

/**
 * The rule for the time a reading says it was taken, the same for every way a reading comes in
 * (a device line, an HTTP body).
 *
 * <p>A reading's time comes from the device's clock, and clocks are wrong: a battery swap resets
 * one to 1970, a typo or a forgery stamps the year 3000. Every screen keeps each patient's newest
 * measurement, so one reading stamped in the future would outrank every true reading after it
 * and freeze that patient's values for as long as the error; a year the browser cannot read
 * would show "Invalid Date". So a time is accepted only between {@link #MAX_AGE} before and
 * {@link #MAX_AHEAD} after the moment the server received it.
 */
public final class ReadingTime {

    /**
     * How far ahead of the server's clock a time may be. Clocks kept by NTP agree to a fraction of
     * a second; this leaves room for one that synchronizes rarely, and is short enough that a
     * reading stamped early outranks the true ones for seconds, never longer.
     */
    public static final Duration MAX_AHEAD = Duration.ofSeconds(10);

    /**
     * How old a time may be. A device may resend readings after a short outage; a day-old
     * reading is not live monitoring, and a clock that far behind needs setting.
     */
    public static final Duration MAX_AGE = Duration.ofHours(24);

    private ReadingTime() {}

    /**
     * Reads a reading's time from text and checks it against the rule.
     *
     * @param refusal makes the exception each way in reports a problem with, the reason as its message
     */
    public static <E extends Exception> Instant parse(String text, Instant receivedAt, Function<String, E> refusal) throws E {
        Instant takenAt;
        try {
            takenAt = Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw refusal.apply("bad time '" + WireText.printable(text) + "': use ISO-8601 UTC, e.g. 2026-11-22T10:15:30Z");
        }
        Optional<String> problem = problem(takenAt, receivedAt);
        if (problem.isPresent()) {
            throw refusal.apply(problem.get());
        }
        return takenAt;
    }

    /** Why {@code takenAt} cannot be the time of a reading received at {@code receivedAt}, or empty when it can. */
    public static Optional<String> problem(Instant takenAt, Instant receivedAt) {
        if (takenAt.isAfter(receivedAt.plus(MAX_AHEAD))) {
            return Optional.of("time " + takenAt + " is more than " + MAX_AHEAD.toSeconds()
                    + " s ahead of the server's clock: check the device's clock");
        }
        if (takenAt.isBefore(receivedAt.minus(MAX_AGE))) {
            return Optional.of("time " + takenAt + " is more than " + MAX_AGE.toHours()
                    + " h old: check the device's clock");
        }
        return Optional.empty();
    }
}
