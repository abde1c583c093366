package org.livevitals.security.alerts;

import java.util.Objects;
import org.livevitals.rawsockets.VitalSigns;

/**
 * What one reading says about one alert source (a vital's limits, or NEWS2): the priority of the
 * alert it calls for ({@code null} when it calls for none), in words a person can act on.
 *
 * @param source   the alert source: a vital key ({@code SpO2}) or {@code NEWS2}
 * @param priority the alert this reading alone would raise; null when it is within limits
 * @param text     what a nurse reads, with the value, unit and limit
 * @param reading  the reading assessed
 * @param news2    the reading's NEWS2 score, for the NEWS2 source; null for the others
 */
record Assessment(String source, Priority priority, String text, VitalSigns reading, News2.Score news2) {

    Assessment {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(reading, "reading");
    }

    /** 0 when this reading calls for no alert, then 1, 2, 3 for low, medium, high: the hold rule compares these. */
    int severity() {
        return severity(priority);
    }

    static int severity(Priority priority) {
        return priority == null ? 0 : priority.ordinal() + 1;
    }
}
