package org.livevitals.scaling.record;

import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.livevitals.rawsockets.VitalSigns;
import org.livevitals.rawsockets.WireText;
import org.livevitals.security.Access;
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
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 500;
    private static final Set<String> PARAMETERS = Set.of("patient", "since", "limit");
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
            query = query(Request.extractQueryParameters(request), access);
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
        for (Fields.Field field : fields) {
            if (!PARAMETERS.contains(field.getName())) {
                throw new IllegalArgumentException("unknown parameter '" + printable(field.getName()) + "': use patient, since and limit");
            }
            if (field.getValues().size() > 1) {
                throw new IllegalArgumentException(field.getName() + " is given twice");
            }
        }
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
                throw new IllegalArgumentException("since must be a UTC time such as 2026-11-30T10:00:00Z, not '" + printable(sinceText) + "'");
            }
            if (since.isBefore(HistoryQuery.EARLIEST) || since.isAfter(HistoryQuery.LATEST)) {
                throw new IllegalArgumentException("since must be between " + HistoryQuery.EARLIEST + " and " + HistoryQuery.LATEST);
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
        return new StoredAlerts.Query(patient, since, limit, access.role() == Role.DOCTOR ? null : access.wards());
    }

    private static String printable(String text) {
        return WireText.printable(text.length() > 40 ? text.substring(0, 40) + "..." : text);
    }
}
