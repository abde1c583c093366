package org.livevitals.security;

import java.util.function.LongSupplier;

/**
 * How many messages one connection may send: a token bucket. A dashboard sends a request now and
 * then (a snapshot, later an acknowledgement); a client that sends far more is broken or hostile,
 * and its requests cost the server work that every other dashboard pays for.
 *
 * <p>The bucket holds at most {@code burst} tokens and gains {@code perSecond} a second; each message
 * takes one. A burst of {@code burst} messages goes through at once, and after that one message per
 * {@code 1 / perSecond} seconds. Not thread-safe: Jetty delivers one session's messages one at a time.
 */
public final class RateLimit {

    /** Messages a dashboard may send at once: far more than a person clicking. */
    public static final int DEFAULT_BURST = 20;
    /** Messages a second, sustained, once the burst is spent. */
    public static final double DEFAULT_PER_SECOND = 5;

    private final int burst;
    private final double perSecond;
    private final LongSupplier nanoTime;
    private double tokens;
    private long lastRefill;

    public RateLimit(int burst, double perSecond, LongSupplier nanoTime) {
        if (burst < 1 || !(perSecond > 0)) {
            throw new IllegalArgumentException("a burst of at least 1 and a positive rate, not " + burst + " and " + perSecond);
        }
        this.burst = burst;
        this.perSecond = perSecond;
        this.nanoTime = nanoTime;
        this.tokens = burst;
        this.lastRefill = nanoTime.getAsLong();
    }

    /** Takes a token for one message; false when the bucket is empty, that is, the sender is over its limit. */
    public boolean tryTake() {
        // Exercise 4 starts here (scenarios L5-16)
        long now = nanoTime.getAsLong();
        tokens = Math.min(burst, tokens + (now - lastRefill) * perSecond / 1e9);
        lastRefill = now;
        if (tokens < 1) {
            return false;
        }
        tokens -= 1;
        return true;
        // Exercise 4 ends here
    }

    /** Why a sender was cut off, as the close reason says it. */
    public String describe() {
        return "rate limit: more than " + burst + " messages at once, or over " + (long) perSecond + " a second";
    }
}
