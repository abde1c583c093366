package org.livevitals.security;

import java.time.Clock;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.eclipse.jetty.websocket.server.ServerUpgradeRequest;
import org.eclipse.jetty.websocket.server.ServerUpgradeResponse;
import org.eclipse.jetty.websocket.server.WebSocketCreator;
import org.livevitals.broadcast.DashboardMessages;
import org.livevitals.broadcast.JsonResponses;
import org.livevitals.broadcast.QueryParameters;
import org.livevitals.reconnect.ResumableStream;

/**
 * The handshake decides: a dashboard session is opened only for a page the server trusts and a
 * person who signed in, and both are checked before the upgrade, while the answer can still be an
 * HTTP status.
 *
 * <ol>
 *   <li>The page's {@code Origin} must be allowed ({@link Origins}), or 403.</li>
 *   <li>The query must be readable ({@link QueryParameters}), or 400.</li>
 *   <li>The URL must carry a ticket ({@code ?ticket=...}) that {@link Tokens#admit} accepts: signed
 *       by this server's key with the one algorithm it uses, issued by it, for the WebSocket, not
 *       expired, never used before. Anything else is 401.</li>
 * </ol>
 *
 * Only then does Lab 4's stream make the session's endpoint, wrapped in a {@link SignedInEndpoint}
 * that knows who is on it. The Origin is checked first so that a hijacking page cannot even spend a
 * ticket it stole.
 */
final class Handshake implements WebSocketCreator {

    /** The query parameter that carries the ticket. */
    static final String TICKET = "ticket";
    static final String ORIGIN_NOT_ALLOWED = "origin not allowed";
    static final String NO_TICKET = "no ticket: sign in, then ask POST /api/tickets for one";
    static final String SIGN_IN_EXPIRED = "sign-in expired: sign in again";

    private final ResumableStream stream;
    private final Origins origins;
    private final Tokens tokens;
    private final SessionGuard guard;
    private final AuditTrail audit;
    private final DashboardMessages messages = new DashboardMessages();
    private final Clock clock;

    Handshake(ResumableStream stream, Origins origins, Tokens tokens, SessionGuard guard, AuditTrail audit, Clock clock) {
        this.stream = stream;
        this.origins = origins;
        this.tokens = tokens;
        this.guard = guard;
        this.audit = audit;
        this.clock = clock;
    }

    @Override
    public Object createWebSocket(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback) {
        String address = Request.getRemoteAddr(request);
        if (!origins.allows(request.getHeaders().get(HttpHeader.ORIGIN))) {
            return refuse(request, response, callback, HttpStatus.FORBIDDEN_403, address, ORIGIN_NOT_ALLOWED);
        }
        Fields query;
        try {
            query = QueryParameters.of(request);
        } catch (IllegalArgumentException unreadable) { // a broken % escape: refused and audited like any bad handshake
            return refuse(request, response, callback, HttpStatus.BAD_REQUEST_400, address, unreadable.getMessage());
        }
        String ticket = query.getValue(TICKET);
        if (ticket == null) {
            return refuse(request, response, callback, HttpStatus.UNAUTHORIZED_401, address, NO_TICKET);
        }
        Tokens.Admission admission;
        try {
            admission = tokens.admit(ticket);
        } catch (TokenRejected rejected) {
            return refuse(request, response, callback, HttpStatus.UNAUTHORIZED_401, address,
                    "ticket refused: " + rejected.getMessage());
        }
        if (!clock.instant().isBefore(admission.sessionEndsAt())) { // a ticket can outlive its sign-in by the clock skew
            return refuse(request, response, callback, HttpStatus.UNAUTHORIZED_401, address, SIGN_IN_EXPIRED);
        }
        return new SignedInEndpoint(stream.newEndpoint(query), admission.access(), admission.sessionEndsAt(),
                address, guard, clock);
    }

    /** Answers before the upgrade, with a JSON error and an audit record; no endpoint is made. */
    private Object refuse(ServerUpgradeRequest request, ServerUpgradeResponse response, Callback callback, int status,
            String address, String reason) {
        audit.recordRefusal(new AuditEvent(null, null, address, AuditEvent.HANDSHAKE, null, AuditEvent.refused(reason)));
        JsonResponses.send(response, status, messages.error(reason), callback);
        return null;
    }
}
