package org.livevitals.scaling.record;

import java.sql.SQLException;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.livevitals.broadcast.QueryParameters;
import org.livevitals.security.Access;
import org.livevitals.security.AlertsQuery;
import org.livevitals.security.AuditTrail;
import org.livevitals.security.Role;
import org.livevitals.security.SignedInApi;
import org.livevitals.security.Tokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /api/alerts} from the record: Lab 5's question and answer, about the alerts of every node.
 * It replaces Lab 5's route when the record is on, so any node answers the same.
 *
 * <pre>
 * GET /api/alerts?patient=P001&amp;since=2026-11-30T10:00:00Z&amp;limit=50
 * {"active":[...],"recent":[...newest first...]}
 * </pre>
 */
public final class RecordAlertsApi extends SignedInApi {

    public static final String PATH = "/api/alerts";
    private static final Logger LOG = LoggerFactory.getLogger(RecordAlertsApi.class);

    private final StoredAlerts alerts;

    public RecordAlertsApi(Tokens tokens, AuditTrail audit, StoredAlerts alerts) {
        super(tokens, audit);
        this.alerts = alerts;
    }

    @Override
    protected boolean handle(Request request, Response response, Callback callback, Tokens.Admission signedIn) {
        if (!HttpMethod.GET.is(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET");
            return error(response, HttpStatus.METHOD_NOT_ALLOWED_405, "use GET to read the alerts", callback);
        }
        Access access = signedIn.access();
        if (access.role() == Role.ADMIN) {
            return forbidden(request, response, callback, access, "an admin sees operations, not patients' alerts");
        }
        StoredAlerts.Query query;
        try {
            query = query(QueryParameters.of(request), access);
        } catch (IllegalArgumentException bad) {
            return error(response, HttpStatus.BAD_REQUEST_400, bad.getMessage(), callback);
        }
        StoredAlerts.Answer answer;
        try {
            answer = alerts.find(query);
        } catch (SQLException e) {
            LOG.warn("The alerts could not be read from the record: {}", e.getMessage());
            return error(response, HttpStatus.SERVICE_UNAVAILABLE_503, "the record cannot be read now: try again shortly", callback);
        }
        auditDone(request, access, query.patient());
        return json(response, HttpStatus.OK_200, answer.toJson(), callback);
    }

    private static StoredAlerts.Query query(Fields fields, Access access) {
        AlertsQuery asked = AlertsQuery.from(fields); // Lab 5's question, checked as Lab 5 checks it
        if (asked.since() != null) {
            HistoryQuery.requireRecordTime("since", asked.since());
        }
        return new StoredAlerts.Query(asked.patient(), asked.since(), asked.limit(), access.role() == Role.DOCTOR ? null : access.wards());
    }
}
