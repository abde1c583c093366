package org.livevitals.scaling.ops;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.livevitals.broadcast.DashboardMessages;
import org.livevitals.broadcast.JsonResponses;

/**
 * {@code GET /metrics}: this node's {@link NodeMetrics} in the Prometheus text format, for Prometheus to
 * scrape every few seconds.
 *
 * <p>No sign-in, as is usual for a metrics endpoint: the scraper is a machine with no user to sign in,
 * and the page holds counts, not patients (no name, no reading, no ward). It still tells an outsider how
 * busy the hospital is and which JVM runs it, so it is kept off the public side rather than locked: the
 * node's port is on the internal network that Prometheus scrapes, and the public entrance (nginx) does
 * not pass it on:
 *
 * <pre>
 * location = /metrics { deny all; }      # or: allow 10.0.0.0/8; deny all;
 * </pre>
 *
 * <p>Non-blocking: the answer is made from counters in memory, without waiting for anything.
 */
public final class MetricsApi extends Handler.Abstract.NonBlocking {

    public static final String PATH = "/metrics";

    private final NodeMetrics metrics;
    private final DashboardMessages messages = new DashboardMessages();

    public MetricsApi(NodeMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!HttpMethod.GET.is(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET");
            return JsonResponses.send(response, HttpStatus.METHOD_NOT_ALLOWED_405, messages.error("use GET"), callback);
        }
        response.setStatus(HttpStatus.OK_200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, NodeMetrics.CONTENT_TYPE);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        Content.Sink.write(response, true, metrics.scrape(), callback);
        return true;
    }
}
