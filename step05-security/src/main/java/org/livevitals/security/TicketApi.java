package org.livevitals.security;

import java.time.Duration;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * {@code POST /api/tickets}: a signed-in person gets a ticket for one WebSocket handshake.
 *
 * <p>A browser cannot put an {@code Authorization} header on a WebSocket handshake, so whatever proves
 * who is connecting travels in the URL, where proxies and histories may keep it. A ticket is made for
 * exactly that: it is good for seconds, for one handshake, and only for the WebSocket; the sign-in
 * token itself never appears in a URL.
 */
final class TicketApi extends SignedInApi {

    private final Tokens tokens;

    TicketApi(Tokens tokens, AuditTrail audit) {
        super(tokens, audit);
        this.tokens = tokens;
    }

    @Override
    protected boolean handle(Request request, Response response, Callback callback, Tokens.Admission signedIn) {
        if (!HttpMethod.POST.is(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "POST");
            return json(response, HttpStatus.METHOD_NOT_ALLOWED_405, messages.error("use POST to ask for a ticket"), callback);
        }
        String ticket = tokens.ticket(signedIn.access(), signedIn.sessionEndsAt());
        auditTicket(request, signedIn.access());
        Duration lifetime = tokens.ticketLifetime();
        return json(response, HttpStatus.OK_200, messages.ticket(ticket, lifetime.toMillis()), callback);
    }
}
