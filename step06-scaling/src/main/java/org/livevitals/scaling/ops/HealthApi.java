package org.livevitals.scaling.ops;

import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.livevitals.broadcast.DashboardMessages;
import org.livevitals.broadcast.JsonResponses;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /health}: whether this node should be given dashboards, for a load balancer's health
 * check or an orchestrator's readiness probe.
 *
 * <p>A node whose process runs but whose backplane is down is worse than a dead one: its dashboards
 * connect, get a snapshot, and then see nothing that arrives at the other nodes. So "ready" means
 * "its backplane is connected", not "it answers HTTP": 200 with
 * {@code {"status":"ready","node":"n1","backplane":"redis","sessions":3}} when it is, and 503 with
 * {@code "status":"not ready"} and the reason when it is not, so the balancer sends new connections
 * elsewhere until it comes back. No sign-in: it says nothing about any patient.
 */
public final class HealthApi extends Handler.Abstract.NonBlocking {

    public static final String PATH = "/health";

    record Ready(String status, String node, String backplane, int sessions) {}

    record NotReady(String status, String reason, String node, String backplane, int sessions) {}

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String node;
    private final String backplane;
    private final IntSupplier sessions;
    private final BooleanSupplier connected;
    private final Supplier<String> problem;
    private final DashboardMessages messages = new DashboardMessages();

    /**
     * @param node      this node's id
     * @param backplane the backplane's name, {@code memory} or {@code redis}
     * @param sessions  the dashboard sessions open on this node
     * @param connected whether the backplane is connected now (always, in memory)
     * @param problem   what is wrong when it is not, in a few words (e.g. which Redis is unreachable)
     */
    public HealthApi(String node, String backplane, IntSupplier sessions, BooleanSupplier connected,
            Supplier<String> problem) {
        this.node = node;
        this.backplane = backplane;
        this.sessions = sessions;
        this.connected = connected;
        this.problem = problem;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!HttpMethod.GET.is(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET");
            return JsonResponses.send(response, HttpStatus.METHOD_NOT_ALLOWED_405, messages.error("use GET"), callback);
        }
        if (connected.getAsBoolean()) {
            return JsonResponses.send(response, HttpStatus.OK_200,
                    JSON.writeValueAsString(new Ready("ready", node, backplane, sessions.getAsInt())), callback);
        }
        String said = problem.get();
        String reason = said == null || said.isBlank() ? "the " + backplane + " backplane is not connected" : said;
        return JsonResponses.send(response, HttpStatus.SERVICE_UNAVAILABLE_503,
                JSON.writeValueAsString(new NotReady("not ready", reason, node, backplane, sessions.getAsInt())), callback);
    }
}
