package org.livevitals.scaling.ops;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.livevitals.broadcast.DashboardMessages;
import org.livevitals.broadcast.JsonResponses;
import org.livevitals.security.AuditTrail;
import org.livevitals.security.Tokens;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code GET /api/admin/nodes}: the nodes of the cluster for the admin's operations view, from the
 * {@link NodeDirectory}, whichever node the admin's request lands on:
 *
 * <pre>
 * [{"node":"n1","address":"http://10.0.0.5:8081/","state":"up","sessions":3,"deliveriesPerSecond":150.0,
 *   "backplaneLagMs":0.8,"lastSeen":"2026-12-01T10:15:30Z"}, ...]
 * </pre>
 *
 * <p>{@code state} is {@code up}, or {@code gone} for a node silent longer than
 * {@link NodeDirectory#GONE_AFTER}: a killed node stays on the panel for a while, marked, rather than
 * vanishing as if it had never been. Admins only (Lab 5's rule for operations): anyone else gets 403.
 * If the directory cannot be read (Redis is down), 503.
 *
 * <p>Blocking: the Redis directory waits for Redis.
 */
public final class NodesApi extends Handler.Abstract {

    public static final String PATH = "/api/admin/nodes";

    record NodeView(String node, String address, String state, int sessions, double deliveriesPerSecond,
            double backplaneLagMs, Instant lastSeen) {

        static NodeView of(NodeStatus status, Instant now) {
            return new NodeView(status.node(), status.address(), status.isGone(now) ? "gone" : "up", status.sessions(),
                    status.deliveriesPerSecond(), status.backplaneLagMs(), status.lastSeen());
        }
    }

    private static final Logger log = LoggerFactory.getLogger(NodesApi.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AdminOnly admins;
    private final NodeDirectory directory;
    private final Clock clock;
    private final DashboardMessages messages = new DashboardMessages();

    public NodesApi(Tokens tokens, AuditTrail audit, NodeDirectory directory, Clock clock) {
        this.admins = new AdminOnly(tokens, audit);
        this.directory = directory;
        this.clock = clock;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (admins.admit(request, response, callback).isEmpty()) {
            return true; // refused, answered and audited
        }
        if (!HttpMethod.GET.is(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET");
            return JsonResponses.send(response, HttpStatus.METHOD_NOT_ALLOWED_405, messages.error("use GET"), callback);
        }
        List<NodeStatus> nodes;
        try {
            nodes = directory.nodes();
        } catch (RuntimeException unavailable) {
            log.warn("the node directory cannot be read: {}", unavailable.toString());
            return JsonResponses.send(response, HttpStatus.SERVICE_UNAVAILABLE_503,
                    messages.error("the node directory is unavailable; try again shortly"), callback);
        }
        Instant now = clock.instant();
        return JsonResponses.send(response, HttpStatus.OK_200,
                JSON.writeValueAsString(nodes.stream().map(status -> NodeView.of(status, now)).toList()), callback);
    }
}
