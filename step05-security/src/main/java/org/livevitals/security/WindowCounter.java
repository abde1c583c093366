package org.livevitals.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;

/**
 * Counts events per key (an address, a user name) in fixed windows of time: "how many sign-ins from
 * this address this minute?". The keys counted at once are bounded: windows that ended are dropped
 * first, and when every key is still in its window, a new key is not counted ({@link #add} says so).
 */
final class WindowCounter {

    /** One key's window: when it started, the events counted in it. */
    record Window(Instant start, int events) {}

    private final Map<String, Window> byKey = new HashMap<>();
    private final Clock clock;
    private final Duration window;
    private final int maxKeys;

    WindowCounter(Clock clock, Duration window, int maxKeys) {
        this.clock = clock;
        this.window = window;
        this.maxKeys = maxKeys;
    }

    /**
     * Counts one event of {@code key}; returns its number in the key's current window (1 for the first),
     * or 0 when too many keys are being counted to take a new one.
     */
    synchronized int add(String key) {
        Instant now = clock.instant();
        Window current = byKey.get(key);
        if (current == null || ended(current, now)) {
            if (current == null && byKey.size() >= maxKeys) {
                byKey.values().removeIf(old -> ended(old, now));
                if (byKey.size() >= maxKeys) {
                    return 0;
                }
            }
            current = new Window(now, 0);
        }
        Window counted = new Window(current.start(), current.events() + 1);
        byKey.put(key, counted);
        return counted.events();
    }

    /**
     * Whether an event of {@code key} would be counted now: the key is being counted already, or there is
     * room for one more (windows that ended are dropped to make it). When this is false, {@link #add}
     * returns 0 and {@link #count} says 0 for the key: a caller that limits by the count must refuse, or
     * the limit is lifted for anyone who fills the counter first.
     */
    synchronized boolean hasRoomFor(String key) {
        if (byKey.containsKey(key) || byKey.size() < maxKeys) {
            return true;
        }
        Instant now = clock.instant();
        byKey.values().removeIf(old -> ended(old, now));
        return byKey.size() < maxKeys;
    }

    /** The events of {@code key} in its current window; 0 when it has none. */
    synchronized int count(String key) {
        Window current = byKey.get(key);
        return current == null || ended(current, clock.instant()) ? 0 : current.events();
    }

    /** The window {@code key} was last counted in, ended or not; null when unknown. */
    synchronized Window last(String key) {
        return byKey.get(key);
    }

    private boolean ended(Window candidate, Instant now) {
        return !now.isBefore(candidate.start().plus(window));
    }
}
