package org.livevitals.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many refusals from one address go into the audit trail: a client that has not signed in must
 * not be able to fill the disk by failing handshakes or sign-ins as fast as it can.
 *
 * <p>In each minute, the first {@value #RECORDED_PER_WINDOW} refusals of an address are recorded one
 * by one; the next is recorded as a note that the rest of that minute's refusals are counted, not
 * recorded; the others are dropped from the trail (still refused, of course). The addresses known
 * are bounded too: past {@value #MAX_ADDRESSES} the memory starts again, which at worst lets a
 * client record another {@value #RECORDED_PER_WINDOW} early.
 */
final class RefusalLimiter {

    static final int RECORDED_PER_WINDOW = 20;
    static final Duration WINDOW = Duration.ofMinutes(1);
    static final int MAX_ADDRESSES = 10_000;

    /** What to do with one refusal. */
    enum Verdict { RECORD, RECORD_THAT_THE_REST_ARE_COUNTED, SKIP }

    private record Window(Instant start, int refusals) {}

    private final Map<String, Window> byAddress = new ConcurrentHashMap<>();
    private final Clock clock;

    RefusalLimiter(Clock clock) {
        this.clock = clock;
    }

    Verdict refused(String address) {
        if (byAddress.size() >= MAX_ADDRESSES) {
            byAddress.clear();
        }
        Instant now = clock.instant();
        Window window = byAddress.compute(String.valueOf(address), (key, current) ->
                current == null || !now.isBefore(current.start().plus(WINDOW))
                        ? new Window(now, 1)
                        : new Window(current.start(), current.refusals() + 1));
        if (window.refusals() <= RECORDED_PER_WINDOW) {
            return Verdict.RECORD;
        }
        return window.refusals() == RECORDED_PER_WINDOW + 1 ? Verdict.RECORD_THAT_THE_REST_ARE_COUNTED : Verdict.SKIP;
    }
}
