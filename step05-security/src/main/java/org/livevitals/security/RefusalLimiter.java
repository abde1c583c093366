package org.livevitals.security;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

/**
 * How many refusals go into the audit trail: a client must not be able to fill the disk by failing
 * handshakes, sign-ins or requests as fast as it can.
 *
 * <p>In each minute, the first {@value #RECORDED_PER_WINDOW} refusals from an address are recorded one
 * by one. The ones after that are counted: the first refusal of the address's next window that is
 * recorded says how many of the last window's were not. Across all addresses at most
 * {@value #RECORDED_PER_MINUTE} refusals a minute are recorded one by one, so rotating addresses
 * does not lift the bound; when an address cannot even be counted (too many addresses at once), its
 * refusal is not recorded either, and that is logged once a minute at most by the caller's log.
 */
final class RefusalLimiter {

    static final int RECORDED_PER_WINDOW = 20;
    static final int RECORDED_PER_MINUTE = 1_000;
    static final Duration WINDOW = Duration.ofMinutes(1);
    static final int MAX_ADDRESSES = 10_000;

    private static final String ALL = "";

    private final WindowCounter byAddress;
    private final WindowCounter overall;

    RefusalLimiter(Clock clock) {
        byAddress = new WindowCounter(clock, WINDOW, MAX_ADDRESSES);
        overall = new WindowCounter(clock, WINDOW, 1);
    }

    /** The record to write for this refusal, or empty when it is only counted. */
    synchronized Optional<AuditEvent> refused(AuditEvent event) {
        String address = String.valueOf(event.address());
        WindowCounter.Window before = byAddress.last(address);
        int number = byAddress.add(address);
        if (number == 0 || number > RECORDED_PER_WINDOW || overall.add(ALL) > RECORDED_PER_MINUTE) {
            return Optional.empty();
        }
        int unrecorded = number == 1 && before != null ? before.events() - RECORDED_PER_WINDOW : 0;
        if (unrecorded <= 0) {
            return Optional.of(event);
        }
        return Optional.of(new AuditEvent(event.user(), event.role(), event.address(), event.action(), event.patient(),
                event.outcome() + " (and " + unrecorded + " refusals from this address in the minute from "
                        + before.start() + " were counted, not recorded)"));
    }
}
