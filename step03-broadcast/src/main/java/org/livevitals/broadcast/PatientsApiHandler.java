package org.livevitals.broadcast;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** {@code GET /api/patients}: the latest reading of each patient, as a JSON array (REST for state). */
public final class PatientsApiHandler extends Handler.Abstract {

    private final LatestReadings latest;
    private final DashboardMessages messages;

    public PatientsApiHandler(LatestReadings latest, DashboardMessages messages) {
        this.latest = latest;
        this.messages = messages;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        if (!HttpMethod.GET.is(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "GET");
            return JsonResponses.send(response, HttpStatus.METHOD_NOT_ALLOWED_405,
                    messages.error("use GET to read the patients"), callback);
        }
        return JsonResponses.send(response, HttpStatus.OK_200, messages.readingsArray(latest.all()), callback);
    }
}
