package org.livevitals.scaling.record;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * One patient's readings between two times, and how coarse the answer must be to stay small.
 *
 * <p>A week of a patient at one reading a second is 604,800 rows: far too many for a chart 600 pixels
 * wide, and for a phone on the ward's Wi-Fi. So a long range is answered in buckets of equal width,
 * computed by the database ({@code date_bin}), never more than about {@link #MAX_POINTS} of them.
 *
 * @param patient whose readings
 * @param from    the first instant included
 * @param to      the first instant not included
 */
public record HistoryQuery(String patient, Instant from, Instant to) {

    /** About as many points as a trend chart can show; the answer never has many more. */
    public static final int MAX_POINTS = 500;
    /** Up to this range, the readings themselves: ten minutes at 1 Hz is 600 points. */
    public static final Duration RAW_UP_TO = Duration.ofMinutes(10);
    /** The longest range one request may ask for. */
    public static final Duration MAX_RANGE = Duration.ofDays(31);
    /** Bucket widths a person reads easily on a time axis, shortest first. */
    public static final List<Duration> BUCKETS = List.of(Duration.ofSeconds(1), Duration.ofSeconds(5),
            Duration.ofSeconds(10), Duration.ofSeconds(15), Duration.ofSeconds(30), Duration.ofMinutes(1),
            Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(15),
            Duration.ofMinutes(30), Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(6),
            Duration.ofHours(12), Duration.ofDays(1));

    /** Times outside these are not a patient's: a request with one is refused, not passed to the database. */
    public static final Instant EARLIEST = Instant.EPOCH;
    public static final Instant LATEST = Instant.parse("9999-12-31T23:59:59Z");

    /**
     * {@code time}, when it is between {@link #EARLIEST} and {@link #LATEST}. A time a client sends is
     * checked with this as soon as it is parsed, before anything is computed from it: {@link Instant} goes
     * a billion years either way, and an hour before its first instant is not an instant at all (a
     * {@link java.time.DateTimeException}, which would escape as a 500).
     *
     * @param name the parameter it came in, to name in the reason
     * @throws IllegalArgumentException naming the parameter and the range
     */
    public static Instant requireRecordTime(String name, Instant time) {
        if (time.isBefore(EARLIEST) || time.isAfter(LATEST)) {
            throw new IllegalArgumentException(name + " must be between " + EARLIEST + " and " + LATEST);
        }
        return time;
    }

    public HistoryQuery {
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (from.isBefore(EARLIEST) || to.isAfter(LATEST)) {
            throw new IllegalArgumentException("from and to must be between " + EARLIEST + " and " + LATEST);
        }
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("from must be before to");
        }
        if (Duration.between(from, to).compareTo(MAX_RANGE) > 0) {
            throw new IllegalArgumentException("a history covers at most " + MAX_RANGE.toDays() + " days: ask in parts");
        }
    }

    public Duration range() {
        return Duration.between(from, to);
    }

    /** The width of this query's buckets; {@link Duration#ZERO} for the readings themselves. */
    public Duration bucket() {
        return bucketFor(range());
    }

    /**
     * The bucket width for a range: zero (the readings themselves) up to {@link #RAW_UP_TO}; beyond it, the
     * shortest of {@link #BUCKETS} that cuts the range into at most {@link #MAX_POINTS} buckets.
     */
    public static Duration bucketFor(Duration range) {
        // Exercise 3 starts here (scenarios L6-23)
        if (range.compareTo(RAW_UP_TO) <= 0) {
            return Duration.ZERO;
        }
        for (Duration bucket : BUCKETS) {
            if (bucket.multipliedBy(MAX_POINTS).compareTo(range) >= 0) {
                return bucket;
            }
        }
        return BUCKETS.get(BUCKETS.size() - 1);
        // Exercise 3 ends here
    }
}
