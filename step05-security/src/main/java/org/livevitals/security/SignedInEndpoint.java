package org.livevitals.security;

import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketClose;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketError;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketMessage;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketOpen;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketPong;
import org.eclipse.jetty.websocket.api.annotations.WebSocket;
import org.livevitals.reconnect.ResumableEndpoint;

/**
 * One dashboard session of someone who signed in: Lab 4's session, plus who is on it.
 *
 * <p>Before the session is sent anything, it is registered with its {@link Access}, so its snapshot or
 * replay already holds only the patients it may see. Every message it sends passes its
 * {@link RateLimit} first; the session ends with 1008 when the sign-in it was opened with expires.
 * Opening and closing are audited. A clinician's acknowledgements and device commands are handled
 * here ({@link ClinicianRequests}); everything else is Lab 4's endpoint.
 */
@WebSocket
public final class SignedInEndpoint {

    private final ResumableEndpoint lab4;
    private final Access access;
    private final Instant sessionEndsAt;
    private final String address;
    private final SessionGuard guard;
    private final Clock clock;
    private final RateLimit rateLimit;
    /** This session's device commands still waiting for an answer (bounded by {@link BedsideCommands}). */
    private final AtomicInteger commandsInFlight = new AtomicInteger();
    private volatile ScheduledFuture<?> expiry;

    SignedInEndpoint(ResumableEndpoint lab4, Access access, Instant sessionEndsAt, String address, SessionGuard guard,
            Clock clock) {
        this.lab4 = lab4;
        this.access = access;
        this.sessionEndsAt = sessionEndsAt;
        this.address = address;
        this.guard = guard;
        this.clock = clock;
        this.rateLimit = guard.newRateLimit();
    }

    @OnWebSocketOpen
    public void onOpen(Session session) {
        Duration remaining = Duration.between(clock.instant(), sessionEndsAt);
        if (remaining.isNegative() || remaining.isZero()) { // expired between the handshake and now: sent nothing
            session.close(StatusCode.POLICY_VIOLATION, SessionGuard.TOKEN_EXPIRED, Callback.NOOP);
            return;
        }
        guard.sessions().admit(session, new SignedInSessions.SignedIn(access, address, clock.instant()));
        audit(AuditEvent.CONNECT, AuditEvent.OK);
        expiry = guard.closeWhenExpired(session, remaining);
        lab4.onOpen(session);
    }

    @OnWebSocketPong
    public void onPong(Session session, ByteBuffer payload) {
        lab4.onPong(session, payload);
    }

    @OnWebSocketMessage
    public void onText(Session session, String text) {
        if (withinLimit(session) && !guard.requests().handled(session, access, address, text, commandsInFlight)) {
            lab4.onText(session, text);
        }
    }

    @OnWebSocketMessage
    public void onBinary(Session session, ByteBuffer payload, Callback callback) {
        if (withinLimit(session)) {
            lab4.onBinary(session, payload, callback);
        } else {
            callback.succeed();
        }
    }

    /** A sender over its limit is told why and cut off: its other messages are not read. */
    private boolean withinLimit(Session session) {
        if (rateLimit.tryTake()) {
            return true;
        }
        if (session.isOpen()) {
            audit(AuditEvent.REQUEST, AuditEvent.refused("rate limit"));
            session.close(StatusCode.POLICY_VIOLATION, rateLimit.describe(), Callback.NOOP);
        }
        return false;
    }

    @OnWebSocketClose
    public void onClose(Session session, int statusCode, String reason) {
        left(session, "closed " + statusCode);
        lab4.onClose(session, statusCode, reason);
    }

    @OnWebSocketError
    public void onError(Session session, Throwable cause) {
        left(session, "error: " + cause.getClass().getSimpleName());
        lab4.onError(session, cause);
    }

    private void left(Session session, String how) {
        ScheduledFuture<?> pending = expiry;
        if (pending != null) {
            pending.cancel(false);
        }
        if (guard.sessions().leave(session)) {
            audit(AuditEvent.DISCONNECT, how);
        }
    }

    private void audit(String action, String outcome) {
        guard.audit().record(new AuditEvent(access.user(), access.role().wireName(), address, action, null, outcome));
    }
}
