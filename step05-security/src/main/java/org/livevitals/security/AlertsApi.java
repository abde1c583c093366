package org.livevitals.security;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.function.Predicate;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.livevitals.rawsockets.VitalSigns;
import org.livevitals.rawsockets.WireText;
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

    /** The question, from the query; every part checked. */
    private record Query(String patient, Instant since, int limit) {}

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
        Query query;
        try {
            query = query(Request.extractQueryParameters(request));
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

    private static Query query(Fields fields) {
        String patient = fields.getValue("patient");
        if (patient != null && !VitalSigns.PATIENT_ID.matcher(patient).matches()) {
            throw new IllegalArgumentException("patient must be a patient id such as P001");
        }
        Instant since = null;
        String sinceText = fields.getValue("since");
        if (sinceText != null) {
            try {
                since = Instant.parse(sinceText);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("since must be a UTC time such as 2026-11-30T10:00:00Z, not '"
                        + WireText.printable(cut(sinceText)) + "'");
            }
        }
        int limit = DEFAULT_LIMIT;
        String limitText = fields.getValue("limit");
        if (limitText != null) {
            if (!limitText.matches("[0-9]{1,4}") || Integer.parseInt(limitText) < 1 || Integer.parseInt(limitText) > MAX_LIMIT) {
                throw new IllegalArgumentException("limit must be a whole number from 1 to " + MAX_LIMIT);
            }
            limit = Integer.parseInt(limitText);
        }
        return new Query(patient, since, limit);
    }

    private static String cut(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
