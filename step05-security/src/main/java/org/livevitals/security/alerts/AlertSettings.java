package org.livevitals.security.alerts;

import java.time.Duration;
import java.util.Objects;
import org.livevitals.broadcast.MonitorSettings;

/**
 * How alerts behave over time, as a ward sets it.
 *
 * @param silencePeriod      how long an acknowledgement silences an alert; if it is still active
 *                           then, it is announced again (someone acknowledged it and got called away)
 * @param reannounceInterval how often a high-priority alert nobody acknowledged is announced again
 * @param clearAfterReadings how many readings in a row must call for less before an alert eases or
 *                           clears: the hold that keeps a value on a limit from raising a new alert
 *                           at every crossing
 * @param staleAfter         how long a patient may send nothing before a technical alarm says so;
 *                           Lab 3's dashboards mark a tile stale after the same time
 */
public record AlertSettings(Duration silencePeriod, Duration reannounceInterval, int clearAfterReadings,
        Duration staleAfter) {

    /** Two minutes' silence, a re-announcement every minute, a hold of three readings, stale after 6 s. */
    public static final AlertSettings DEFAULTS =
            new AlertSettings(Duration.ofMinutes(2), Duration.ofSeconds(60), 3, MonitorSettings.DEFAULT_STALE_AFTER);

    public AlertSettings {
        requirePositive(silencePeriod, "silencePeriod");
        requirePositive(reannounceInterval, "reannounceInterval");
        requirePositive(staleAfter, "staleAfter");
        if (clearAfterReadings < 1) {
            throw new IllegalArgumentException("clearAfterReadings must be at least 1, not " + clearAfterReadings);
        }
    }

    public AlertSettings withSilencePeriod(Duration period) {
        return new AlertSettings(period, reannounceInterval, clearAfterReadings, staleAfter);
    }

    public AlertSettings withReannounceInterval(Duration interval) {
        return new AlertSettings(silencePeriod, interval, clearAfterReadings, staleAfter);
    }

    public AlertSettings withClearAfterReadings(int readings) {
        return new AlertSettings(silencePeriod, reannounceInterval, readings, staleAfter);
    }

    public AlertSettings withStaleAfter(Duration after) {
        return new AlertSettings(silencePeriod, reannounceInterval, clearAfterReadings, after);
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, not " + duration);
        }
    }
}
