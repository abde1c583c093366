package org.livevitals.scaling.ops;

import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.livevitals.broadcast.DashboardMessages;
import org.livevitals.broadcast.JsonResponses;
import org.livevitals.security.Access;
import org.livevitals.security.AuditEvent;
import org.livevitals.security.AuditTrail;
import org.livevitals.security.TokenRejected;
import org.livevitals.security.Tokens;

/**
 * Lab 5's check in front of its admin API, for an admin API of this lab: a sign-in token in
 * {@code Authorization: Bearer}, or 401; an admin's, or 403; each refusal audited. The same answers and
 * audit records as Lab 5's {@code SignedInApi} and {@code AdminApi}, made with Lab 5's public
 * {@link Tokens} and {@link AuditTrail} (those two classes are package-private to Lab 5).
 */
final class AdminOnly {

    private static final String BEARER = "Bearer ";

    private final Tokens tokens;
    private final AuditTrail audit;
    private final DashboardMessages messages = new DashboardMessages();

    AdminOnly(Tokens tokens, AuditTrail audit) {
        this.tokens = tokens;
        this.audit = audit;
    }

    /**
     * The admin who sent {@code request}; or empty, once the refusal (401 or 403) has been audited and handed to
     * {@code JsonResponses} (which answers once any body is in), and the caller only has to return {@code true}.
     */
    Optional<Access> admit(Request request, Response response, Callback callback) {
        String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        String token = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? header.substring(BEARER.length()).trim() : "";
        if (token.isEmpty()) {
            return refuse(request, response, callback, null, "sign in first: send Authorization: Bearer <token>");
        }
        Access access;
        try {
            access = tokens.verifySignInSession(token).access();
        } catch (TokenRejected rejected) {
            return refuse(request, response, callback, null, "sign-in token refused: " + rejected.reason());
        }
        if (!access.mayOperate()) {
            return refuse(request, response, callback, access, "operations are for admins");
        }
        return Optional.of(access);
    }

    /** 401 (with WWW-Authenticate) when nobody signed in, 403 when someone did who may not: audited. */
    private Optional<Access> refuse(Request request, Response response, Callback callback, Access access, String reason) {
        audit.recordRefusal(new AuditEvent(access == null ? null : access.user(),
                access == null ? null : access.role().wireName(), Request.getRemoteAddr(request), AuditEvent.API, null,
                AuditEvent.refused(request.getHttpURI().getPath() + ": " + reason)));
        int status = access == null ? HttpStatus.UNAUTHORIZED_401 : HttpStatus.FORBIDDEN_403;
        if (access == null) {
            response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
        }
        JsonResponses.send(response, status, messages.error(reason), callback);
        return Optional.empty();
    }
}
