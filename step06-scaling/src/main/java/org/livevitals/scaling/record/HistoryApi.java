package org.livevitals.scaling.record;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.livevitals.broadcast.QueryParameters;
import org.livevitals.rawsockets.VitalSigns;
import org.livevitals.rawsockets.WireText;
import org.livevitals.security.Access;
import org.livevitals.security.AuditTrail;
import org.livevitals.security.Role;
import org.livevitals.security.SignedInApi;
import org.livevitals.security.Tokens;
import org.livevitals.security.Wards;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/patients/{id}/history?from=&to=}: a patient's trend from the record, with Lab 5's rules
 * (a doctor any patient, a nurse her wards' patients, an admin none).
 *
 * <pre>
 * GET /api/patients/P001/history?from=2026-12-01T09:00:00Z&amp;to=2026-12-01T10:00:00Z
 * {"patient":"P001","from":"...","to":"...","bucketSeconds":10,"truncated":false,"points":[{"time":"...","count":5,...}]}
 * </pre>
 *
 * Without {@code from} and {@code to} it is the last hour, what the dashboard's chart loads when it opens.
 */
public final class HistoryApi extends SignedInApi {

    public static final String PATH = "/api/patients/*";
    static final String PREFIX = "/api/patients/";
    static final String SUFFIX = "/history";
    static final java.time.Duration DEFAULT_RANGE = java.time.Duration.ofHours(1);
    private static final Set<String> PARAMETERS = Set.of("from", "to");
    private static final Logger LOG = LoggerFactory.getLogger(HistoryApi.class);

    /** The answer; every time in UTC. */
    record Answer(String patient, Instant from, Instant to, long bucketSeconds, boolean truncated, List<HistoryPoint> points) {}

    private final ReadingHistory history;
    private final Wards wards;
    private final Clock clock;
    private final JsonMapper json = JsonMapper.builder().build();

    public HistoryApi(Tokens tokens, AuditTrail audit, ReadingHistory history, Wards wards, Clock clock) {
        super(tokens, audit);
        this.history = history;
        this.wards = wards;
        this.clock = clock;
    }

    @Override
    protected boolean handle(Request request, Response response, Callback callback, Tokens.Admission signedIn) {
        String path = request.getHttpURI().getPath();
        if (path == null || !path.startsWith(PREFIX) || !path.endsWith(SUFFIX) || path.length() < PREFIX.length() + SUFFIX.length()) {
            return error(response, HttpStatus.NOT_FOUND_404, "no such resource: a history is /api/patients/<id>/history", callback);
        }
        Optional<String> patient = patientOf(path);
        if (patient.isEmpty()) {
            return error(response, HttpStatus.BAD_REQUEST_400,
                    "not a patient id: an id is 1 to 32 letters, digits, '-' or '_', such as P001", callback);
        }
        if (!HttpMethod.GET.is(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET");
            return error(response, HttpStatus.METHOD_NOT_ALLOWED_405, "use GET to read a history", callback);
        }
        Access access = signedIn.access();
        if (access.role() == Role.ADMIN) {
            return forbidden(request, response, callback, access, "an admin sees operations, not patients' vitals");
        }
        String ward = wards.wardOf(patient.get()).orElse(null);
        if (!access.maySeeWard(ward)) { // audited with the patient asked for: whose history was refused matters
            auditRefusal(request, access, patient.get(), patient.get() + " is not on your wards");
            return error(response, HttpStatus.FORBIDDEN_403, patient.get() + " is not on your wards", callback);
        }
        HistoryQuery query;
        try {
            query = query(patient.get(), QueryParameters.of(request));
        } catch (IllegalArgumentException bad) {
            return error(response, HttpStatus.BAD_REQUEST_400, bad.getMessage(), callback);
        }
        List<HistoryPoint> points;
        try {
            // A nurse reads only the rows taken while the patient was on one of her wards.
            points = history.points(query, access.role() == Role.DOCTOR ? null : access.wards());
        } catch (SQLException e) {
            LOG.warn("A history could not be read from the record: {}", e.getMessage());
            return error(response, HttpStatus.SERVICE_UNAVAILABLE_503, "the record cannot be read now: try again shortly", callback);
        }
        auditDone(request, access, patient.get());
        boolean truncated = query.bucket().isZero() && points.size() >= ReadingHistory.MAX_RAW_POINTS;
        return json(response, HttpStatus.OK_200, json.writeValueAsString(new Answer(query.patient(), query.from(), query.to(),
                query.bucket().toSeconds(), truncated, points)), callback);
    }

    /** The patient id in {@code /api/patients/<id>/history}, when the path is one. */
    static Optional<String> patientOf(String path) {
        if (path == null || !path.startsWith(PREFIX) || !path.endsWith(SUFFIX)) {
            return Optional.empty();
        }
        String id = path.substring(PREFIX.length(), path.length() - SUFFIX.length());
        return VitalSigns.PATIENT_ID.matcher(id).matches() ? Optional.of(id) : Optional.empty();
    }

    private HistoryQuery query(String patient, Fields fields) {
        for (Fields.Field field : fields) {
            if (!PARAMETERS.contains(field.getName())) {
                throw new IllegalArgumentException("unknown parameter '" + printable(field.getName()) + "': use from and to");
            }
            if (field.getValues().size() > 1) {
                throw new IllegalArgumentException(field.getName() + " is given twice");
            }
        }
        Instant to = time(fields, "to", clock.instant().truncatedTo(java.time.temporal.ChronoUnit.MILLIS));
        Instant from = time(fields, "from", to.minus(DEFAULT_RANGE));
        return new HistoryQuery(patient, from, to);
    }

    private static Instant time(Fields fields, String name, Instant otherwise) {
        String text = fields.getValue(name);
        if (text == null) {
            return otherwise;
        }
        Instant time;
        try {
            time = Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(name + " must be a UTC time such as 2026-12-01T09:00:00Z, not '" + printable(text) + "'");
        }
        return HistoryQuery.requireRecordTime(name, time); // before the default from is computed from it
    }

    private static String printable(String text) {
        return WireText.printable(text.length() > 40 ? text.substring(0, 40) + "..." : text);
    }
}
