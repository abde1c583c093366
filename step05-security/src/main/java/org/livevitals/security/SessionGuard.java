package org.livevitals.security;

import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;

/**
 * What every signed-in session shares: who is on which session, the audit trail, the timer that ends a
 * session when its sign-in expires, how each session's rate limit is made, and where a clinician's
 * requests (acknowledgements, device commands) go.
 */
final class SessionGuard implements AutoCloseable {

    /** The close reason of a session whose sign-in expired; the dashboard asks the user to sign in again. */
    static final String TOKEN_EXPIRED = "token expired";

    private final SignedInSessions sessions;
    private final AuditTrail audit;
    private final Supplier<RateLimit> rateLimits;
    private final ClinicianRequests requests;
    private final ScheduledThreadPoolExecutor expiries = new ScheduledThreadPoolExecutor(1, runnable -> {
        Thread thread = new Thread(runnable, "session-expiry");
        thread.setDaemon(true);
        return thread;
    });

    SessionGuard(SignedInSessions sessions, AuditTrail audit, Supplier<RateLimit> rateLimits, ClinicianRequests requests) {
        this.sessions = sessions;
        this.audit = audit;
        this.rateLimits = rateLimits;
        this.requests = requests;
        expiries.setRemoveOnCancelPolicy(true); // a session that closes early leaves no task behind
    }

    SignedInSessions sessions() {
        return sessions;
    }

    AuditTrail audit() {
        return audit;
    }

    ClinicianRequests requests() {
        return requests;
    }

    RateLimit newRateLimit() {
        return rateLimits.get();
    }

    /** Closes {@code session} with 1008 once {@code remaining} has passed (at once if it already has). */
    ScheduledFuture<?> closeWhenExpired(Session session, Duration remaining) {
        return expiries.schedule(() -> session.close(StatusCode.POLICY_VIOLATION, TOKEN_EXPIRED, Callback.NOOP),
                Math.max(0, remaining.toMillis()), TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        expiries.shutdownNow();
    }
}
