package org.livevitals.security;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.livevitals.broadcast.QueryParameters;

/**
 * The admin's operations view: {@code GET /api/admin/sessions} (who is connected, from where, since
 * when) and {@code GET /api/admin/audit?limit=N} (the newest audit records). Admins only: a doctor or a
 * nurse gets 403.
 */
final class AdminApi extends SignedInApi {

    static final String SESSIONS = "/api/admin/sessions";
    static final String AUDIT = "/api/admin/audit";
    /** The audit records one answer holds at most: the in-memory tail, not the whole file. */
    static final int MAX_AUDIT_RECORDS = 200;
    static final int DEFAULT_AUDIT_RECORDS = 50;

    private final SignedInSessions sessions;
    private final AuditTrail audit;

    AdminApi(Tokens tokens, AuditTrail audit, SignedInSessions sessions) {
        super(tokens, audit);
        this.sessions = sessions;
        this.audit = audit;
    }

    @Override
    protected boolean handle(Request request, Response response, Callback callback, Tokens.Admission signedIn) {
        Access access = signedIn.access();
        if (!access.mayOperate()) {
            return forbidden(request, response, callback, access, "operations are for admins");
        }
        if (!HttpMethod.GET.is(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET");
            return json(response, HttpStatus.METHOD_NOT_ALLOWED_405, messages.error("use GET"), callback);
        }
        String path = request.getHttpURI().getPath();
        if (SESSIONS.equals(path)) {
            return json(response, HttpStatus.OK_200, messages.sessions(sessions.list()), callback);
        }
        if (AUDIT.equals(path)) {
            int limit;
            try {
                limit = limit(QueryParameters.of(request));
            } catch (IllegalArgumentException bad) {
                return json(response, HttpStatus.BAD_REQUEST_400, messages.error(bad.getMessage()), callback);
            }
            return json(response, HttpStatus.OK_200, messages.audit(audit.recent(limit)), callback);
        }
        return json(response, HttpStatus.NOT_FOUND_404, messages.error("no such admin resource"), callback);
    }

    /**
     * The {@code limit} asked for, or the default when there is none.
     *
     * @throws IllegalArgumentException when it is not a whole number from 1 to the maximum
     */
    private static int limit(Fields query) {
        String asked = query.getValue("limit");
        if (asked == null) {
            return DEFAULT_AUDIT_RECORDS;
        }
        if (!asked.matches("[0-9]{1,3}") || Integer.parseInt(asked) < 1 || Integer.parseInt(asked) > MAX_AUDIT_RECORDS) {
            throw new IllegalArgumentException("limit must be a whole number from 1 to " + MAX_AUDIT_RECORDS);
        }
        return Integer.parseInt(asked);
    }
}
