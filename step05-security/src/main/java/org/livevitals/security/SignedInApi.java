package org.livevitals.security;

import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.livevitals.broadcast.JsonResponses;

/**
 * An HTTP API for people who signed in: the request must carry {@code Authorization: Bearer <token>}
 * with a sign-in token this server issued, or it is answered 401 before the API sees it. What the
 * person may then do is the API's decision ({@link #handle(Request, Response, Callback, Access)}).
 *
 * <p>A bearer header, not a cookie: a browser never attaches it by itself, so a page on another site
 * cannot make a signed-in nurse's browser call the API (no cross-site request forgery to defend).
 */
public abstract class SignedInApi extends Handler.Abstract {

    private static final String BEARER = "Bearer ";

    private final Tokens tokens;
    private final AuditTrail audit;
    final SecurityMessages messages = new SecurityMessages();

    protected SignedInApi(Tokens tokens, AuditTrail audit) {
        this.tokens = tokens;
        this.audit = audit;
    }

    @Override
    public final boolean handle(Request request, Response response, Callback callback) throws Exception {
        Optional<String> token = bearerToken(request);
        if (token.isEmpty()) {
            return unauthorized(request, response, callback, "sign in first: send Authorization: Bearer <token>");
        }
        Tokens.Admission signedIn;
        try {
            signedIn = tokens.verifySignInSession(token.get());
        } catch (TokenRejected rejected) {
            return unauthorized(request, response, callback, "sign-in token refused: " + rejected.getMessage());
        }
        return handle(request, response, callback, signedIn);
    }

    /** Answers a request from someone signed in; {@code signedIn} says who, and until when. */
    protected abstract boolean handle(Request request, Response response, Callback callback, Tokens.Admission signedIn)
            throws Exception;

    /** 403, audited: signed in, but not allowed this. */
    protected final boolean forbidden(Request request, Response response, Callback callback, Access access, String reason) {
        auditRefusal(request, access, null, reason);
        return JsonResponses.send(response, HttpStatus.FORBIDDEN_403, messages.error(reason), callback);
    }

    /** An audit record of a refused request by someone signed in, about {@code patient} if there is one. */
    protected final void auditRefusal(Request request, Access access, String patient, String reason) {
        audit.recordRefusal(new AuditEvent(access.user(), access.role().wireName(), Request.getRemoteAddr(request),
                AuditEvent.API, patient, AuditEvent.refused(request.getHttpURI().getPath() + ": " + reason)));
    }

    /** An audit record of something done by someone signed in: what was asked for, about which patient. */
    protected final void auditDone(Request request, Access access, String patient) {
        audit.record(new AuditEvent(access.user(), access.role().wireName(), Request.getRemoteAddr(request),
                AuditEvent.API, patient, request.getMethod() + " " + request.getHttpURI().getPath() + ": " + AuditEvent.OK));
    }

    /** A ticket handed out: the handshake it is for is audited again when it connects. */
    final void auditTicket(Request request, Access access) {
        audit.record(new AuditEvent(access.user(), access.role().wireName(), Request.getRemoteAddr(request),
                AuditEvent.TICKET, null, AuditEvent.OK));
    }

    protected final boolean json(Response response, int status, String json, Callback callback) {
        return JsonResponses.send(response, status, json, callback);
    }

    /** An error answer, {@code {"type":"error","reason":...}}: say what was wrong, never quote a secret. */
    protected final boolean error(Response response, int status, String reason, Callback callback) {
        return JsonResponses.send(response, status, messages.error(reason), callback);
    }

    private boolean unauthorized(Request request, Response response, Callback callback, String reason) {
        audit.recordRefusal(new AuditEvent(null, null, Request.getRemoteAddr(request), AuditEvent.API, null,
                AuditEvent.refused(request.getHttpURI().getPath() + ": " + reason)));
        response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
        return JsonResponses.send(response, HttpStatus.UNAUTHORIZED_401, messages.error(reason), callback);
    }

    private static Optional<String> bearerToken(Request request) {
        String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return Optional.empty();
        }
        String token = header.substring(BEARER.length()).trim();
        return token.isEmpty() ? Optional.empty() : Optional.of(token);
    }
}
