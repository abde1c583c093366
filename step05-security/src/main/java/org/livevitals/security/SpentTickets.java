package org.livevitals.security;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The IDs ({@code jti}) of the tickets already used, so that a ticket opens one WebSocket and no more.
 * An ID is kept only while its ticket could still be accepted; after that the ticket is refused as
 * expired anyway, and the ID is dropped. A hard cap bounds the memory even under a flood of valid
 * tickets: when it is full a ticket is refused, never remembered at the cost of growing without limit.
 *
 * <p>The memory is this server's own: a cluster of servers would share it (Lab 6) or route a ticket
 * back to the server that issued it.
 */
final class SpentTickets implements TicketLedger {

    private record Spent(String id, Instant forgetAfter) {}

    private final int capacity;
    private final Map<String, Instant> byId = new HashMap<>();
    /** The same entries, soonest to forget first, so that forgetting costs nothing while none is due. */
    private final PriorityQueue<Spent> byExpiry = new PriorityQueue<>((a, b) -> a.forgetAfter().compareTo(b.forgetAfter()));

    SpentTickets(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, not " + capacity);
        }
        this.capacity = capacity;
    }

    /**
     * Spends ticket {@code id}, remembering it until {@code forgetAfter}, the moment from which the
     * ticket is refused as expired.
     *
     * @throws TokenRejected "ticket already used", or "too many tickets in flight" when the memory is full
     */
    @Override
    public synchronized void spend(String id, Instant forgetAfter, Instant now) throws TokenRejected {
        forgetExpired(now);
        if (byId.containsKey(id)) {
            throw new TokenRejected("ticket already used");
        }
        if (byId.size() >= capacity) {
            throw new TokenRejected("too many tickets in flight");
        }
        byId.put(id, forgetAfter);
        byExpiry.add(new Spent(id, forgetAfter));
    }

    /** How many IDs are remembered now: for tests, and for an operator's gauge. */
    synchronized int size() {
        return byId.size();
    }

    private void forgetExpired(Instant now) {
        while (!byExpiry.isEmpty() && !byExpiry.peek().forgetAfter().isAfter(now)) {
            byId.remove(byExpiry.poll().id());
        }
    }
}
