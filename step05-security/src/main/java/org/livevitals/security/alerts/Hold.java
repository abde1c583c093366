package org.livevitals.security.alerts;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;

/**
 * The anti-flapping rule of one alert source of one patient (SpO2 of P001, say).
 *
 * <p>An SpO2 that hovers on its limit reads 89, 91, 89, 91: an alert raised and cleared at every
 * crossing sounds, stops and sounds again, and a nurse learns to ignore it (alarm fatigue). So the
 * rule is lopsided, as a bedside monitor's is: getting worse counts at once, getting better only
 * once it lasts. The level an alert should have is the worst of the last {@code readings}
 * readings: the reading that crosses a limit raises or escalates the alert itself, and the alert
 * eases or clears only after that many readings in a row have called for less.
 */
final class Hold {

    private final int readings;
    /** The last {@code readings} assessments, oldest first. */
    private final Deque<Assessment> recent = new ArrayDeque<>();

    Hold(int readings) {
        if (readings < 1) {
            throw new IllegalArgumentException("hold at least one reading, not " + readings);
        }
        this.readings = readings;
    }

    /**
     * Takes one more reading's assessment and answers what the alert should now show: the most severe
     * of the last {@code readings} (the newest of them on a tie, so an alert shows the latest value that
     * keeps it where it is).
     */
    Assessment level(Assessment latest) {
        // Exercise 6 starts here (scenarios L5-31 L5-32)
        recent.addLast(latest);
        if (recent.size() > readings) {
            recent.removeFirst();
        }
        Assessment worst = latest;
        for (Iterator<Assessment> newestFirst = recent.descendingIterator(); newestFirst.hasNext(); ) {
            Assessment earlier = newestFirst.next();
            if (earlier.severity() > worst.severity()) {
                worst = earlier;
            }
        }
        return worst;
        // Exercise 6 ends here
    }
}
