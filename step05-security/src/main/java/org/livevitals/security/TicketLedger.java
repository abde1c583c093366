package org.livevitals.security;

import java.time.Instant;

/**
 * Where a ticket is marked spent, so that it opens one session and no second: a seam.
 *
 * <p>Lab 5's ledger is in the server's memory ({@code SpentTickets}). Behind a load balancer a ticket
 * could then be spent once on each node; Lab 6's nodes share one ledger in Redis, and a ticket spent on
 * any node is refused on every other.
 */
@FunctionalInterface
public interface TicketLedger {

    /**
     * Marks ticket {@code id} spent, remembering it until {@code forgetAfter}, when it would be refused
     * as expired anyway.
     *
     * @throws TokenRejected "ticket already used", or why the ticket cannot be checked now
     */
    void spend(String id, Instant forgetAfter, Instant now) throws TokenRejected;
}
