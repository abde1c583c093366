package org.livevitals.scaling.record;

import java.sql.SQLException;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.livevitals.broadcast.QueryParameters;
import org.livevitals.rawsockets.WireText;
import org.livevitals.security.Access;
import org.livevitals.security.AuditRecord;
import org.livevitals.security.AuditTrail;
import org.livevitals.security.SignedInApi;
import org.livevitals.security.Tokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * The audit trail of every node, from the record, for an admin:
 *
 * <pre>
 * GET /api/admin/audit?limit=100&amp;node=n2   the newest records (oldest first), each with its node
 * GET /api/admin/audit/verify              Lab 5's verifier over each node's chain in the table
 * </pre>
 *
 * It replaces Lab 5's {@code /api/admin/audit} (the newest records this server wrote) when the record is on.
 */
public final class RecordAuditApi extends SignedInApi {

    public static final String PATH = "/api/admin/audit";
    public static final String VERIFY_PATH = "/api/admin/audit/verify";
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1_000;
    private static final Set<String> PARAMETERS = Set.of("limit", "node");
    private static final Pattern NODE = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final Logger LOG = LoggerFactory.getLogger(RecordAuditApi.class);

    /** One record of the answer: Lab 5's fields, and the node whose chain it is in. */
    record RecordJson(String node, long n, java.time.Instant time, String user, String role, String address,
            String action, String patient, String outcome, String prev, String hash) {

        static RecordJson of(StoredAudit.NodeRecord stored) {
            AuditRecord r = stored.record();
            return new RecordJson(stored.node(), r.n(), r.time(), r.user(), r.role(), r.address(), r.action(), r.patient(),
                    r.outcome(), r.prev(), r.hash());
        }
    }

    record VerdictJson(String node, boolean intact, long checked, long firstBad, String reason, String latestHash) {}

    record VerifyAnswer(List<VerdictJson> nodes) {}

    private final StoredAudit audit;
    private final java.util.concurrent.Semaphore verifying = new java.util.concurrent.Semaphore(1);
    private final JsonMapper json = JsonMapper.builder().build();

    public RecordAuditApi(Tokens tokens, AuditTrail trail, StoredAudit audit) {
        super(tokens, trail);
        this.audit = audit;
    }

    @Override
    protected boolean handle(Request request, Response response, Callback callback, Tokens.Admission signedIn) {
        if (!HttpMethod.GET.is(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET");
            return error(response, HttpStatus.METHOD_NOT_ALLOWED_405, "use GET to read the audit trail", callback);
        }
        Access access = signedIn.access();
        if (!access.mayOperate()) {
            return forbidden(request, response, callback, access, "the audit trail is for admins");
        }
        String path = request.getHttpURI().getPath();
        try {
            if (VERIFY_PATH.equals(path)) {
                if (!verifying.tryAcquire()) { // it reads every node's whole chain: one at a time is plenty
                    return error(response, HttpStatus.TOO_MANY_REQUESTS_429, "a verification is running: try again when it is done", callback);
                }
                String answer;
                try {
                    answer = json.writeValueAsString(new VerifyAnswer(audit.verify().stream()
                        .map(v -> new VerdictJson(v.node(), v.verdict().intact(), v.verdict().checked(), v.verdict().firstBad(),
                                v.verdict().reason(), v.verdict().latestHash()))
                        .toList()));
                } finally {
                    verifying.release();
                }
                auditDone(request, access, null);
                return json(response, HttpStatus.OK_200, answer, callback);
            }
            Fields fields = QueryParameters.of(request);
            int limit = limit(fields);
            String node = node(fields);
            String answer = json.writeValueAsString(audit.newest(limit, node).stream().map(RecordJson::of).toList());
            auditDone(request, access, null);
            return json(response, HttpStatus.OK_200, answer, callback);
        } catch (IllegalArgumentException bad) {
            return error(response, HttpStatus.BAD_REQUEST_400, bad.getMessage(), callback);
        } catch (SQLException e) {
            LOG.warn("The audit trail could not be read from the record: {}", e.getMessage());
            return error(response, HttpStatus.SERVICE_UNAVAILABLE_503, "the record cannot be read now: try again shortly", callback);
        }
    }

    private static int limit(Fields fields) {
        for (Fields.Field field : fields) {
            if (!PARAMETERS.contains(field.getName())) {
                throw new IllegalArgumentException("unknown parameter '" + WireText.printable(cut(field.getName())) + "': use limit and node");
            }
            if (field.getValues().size() > 1) {
                throw new IllegalArgumentException(field.getName() + " is given twice");
            }
        }
        String text = fields.getValue("limit");
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        if (!text.matches("[0-9]{1,5}") || Integer.parseInt(text) < 1 || Integer.parseInt(text) > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be a whole number from 1 to " + MAX_LIMIT);
        }
        return Integer.parseInt(text);
    }

    private static String node(Fields fields) {
        String node = fields.getValue("node");
        if (node != null && !NODE.matcher(node).matches()) {
            throw new IllegalArgumentException("node must be a node id such as n1");
        }
        return node;
    }

    private static String cut(String text) {
        return text.length() > 40 ? text.substring(0, 40) + "..." : text;
    }
}
