package org.livevitals.security;

import java.util.List;
import java.util.function.Predicate;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.livevitals.broadcast.QueryParameters;
import org.livevitals.security.alerts.Alert;
import org.livevitals.security.alerts.AlertCenter;
import org.livevitals.security.alerts.AlertMessages;

/**
 * {@code GET /api/alerts}: the alerts active now and the recent changes, for the patients the caller
 * may see (the same rule as the stream), optionally of one patient and since a time.
 *
 * <pre>
 * GET /api/alerts?patient=P001&amp;since=2026-11-30T10:00:00Z&amp;limit=50
 * {"active":[...],"recent":[...newest first...]}
 * </pre>
 *
 * A handover, an incident review, or a page that wants the story behind the banner reads this. An
 * admin is refused: alerts carry vitals.
 */
final class AlertsApi extends SignedInApi {

    static final int DEFAULT_LIMIT = 100;
    /** The most changes one answer holds; the alert center keeps no more than its history's capacity anyway. */
    static final int MAX_LIMIT = 500;

    private final AlertCenter alerts;
    private final Wards wards;
    private final AlertMessages alertMessages = new AlertMessages();

    AlertsApi(Tokens tokens, AuditTrail audit, AlertCenter alerts, Wards wards) {
        super(tokens, audit);
        this.alerts = alerts;
        this.wards = wards;
    }


    @Override
    protected boolean handle(Request request, Response response, Callback callback, Tokens.Admission signedIn) {
        if (!HttpMethod.GET.is(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET");
            return json(response, HttpStatus.METHOD_NOT_ALLOWED_405, messages.error("use GET to read the alerts"), callback);
        }
        Access access = signedIn.access();
        if (access.role() == Role.ADMIN) {
            return forbidden(request, response, callback, access, "an admin sees operations, not patients' alerts");
        }
        AlertsQuery query;
        try {
            query = AlertsQuery.from(QueryParameters.of(request));
        } catch (IllegalArgumentException bad) {
            return json(response, HttpStatus.BAD_REQUEST_400, messages.error(bad.getMessage()), callback);
        }
        Predicate<Alert> wanted = alert -> access.maySeeWard(wards.wardOf(alert.patient()).orElse(null))
                && (query.patient() == null || query.patient().equals(alert.patient()))
                && (query.since() == null || !alert.updatedAt().isBefore(query.since()));
        List<Alert> active = alerts.active().stream().filter(wanted).toList();
        List<Alert> recent = alerts.recent(AlertCenter.HISTORY_CAPACITY).stream().filter(wanted).limit(query.limit()).toList();
        auditDone(request, access, query.patient());
        return json(response, HttpStatus.OK_200, alertMessages.alertsAnswer(active, recent), callback);
    }
}
