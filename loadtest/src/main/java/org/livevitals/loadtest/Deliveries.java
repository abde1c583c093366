package org.livevitals.loadtest;

import java.util.BitSet;
import org.HdrHistogram.Histogram;

/**
 * Every delivery the generator sees, counted exactly and timed.
 *
 * <p>Only the generator's selector thread records; others read the volatile totals for progress.
 * Each connection keeps a bit per publication number, so a second copy of the same publication is
 * a duplicate, and a missing bit at the end is a loss.
 */
final class Deliveries {

    /** 1 µs to 60 s at three significant digits. */
    final Histogram fromSent = new Histogram(60_000_000L, 3);
    final Histogram fromDue = new Histogram(60_000_000L, 3);
    private final long firstTimedPublication;
    private volatile long received;
    private volatile long duplicates;

    /** @param firstTimedPublication publications before this one are counted but not timed (the warm-up) */
    Deliveries(long firstTimedPublication) {
        this.firstTimedPublication = firstTimedPublication;
    }

    /** Records one delivery on a connection; returns false for a duplicate. */
    boolean record(BitSet seen, long pub, long dueMicros, long sentAtMicros, long receivedAtMicros) {
        if (seen.get((int) pub)) {
            duplicates++;
            return false;
        }
        seen.set((int) pub);
        received++;
        if (pub < firstTimedPublication) {
            return true;
        }
        fromSent.recordValue(Math.max(0, Math.min(receivedAtMicros - sentAtMicros, fromSent.getHighestTrackableValue())));
        fromDue.recordValue(Math.max(0, Math.min(receivedAtMicros - dueMicros, fromDue.getHighestTrackableValue())));
        return true;
    }

    long received() {
        return received;
    }

    long duplicates() {
        return duplicates;
    }
}
