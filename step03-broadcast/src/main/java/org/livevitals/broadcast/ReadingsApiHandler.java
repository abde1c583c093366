package org.livevitals.broadcast;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.livevitals.rawsockets.VitalSigns;

/**
 * {@code POST /api/readings}: validate a reading, then broadcast it to every dashboard.
 *
 * <p>This is the "notify clients after a REST action" pattern: an ordinary HTTP request changes
 * state, and the WebSocket tells everyone watching. Invalid input gets 400 with the reason, and
 * nothing is broadcast.
 */
public final class ReadingsApiHandler extends Handler.Abstract {

    /** A reading is about 200 bytes; anything much larger is not a reading. */
    public static final int MAX_BODY_BYTES = 16 * 1024;

    private final ReadingRequests requests = new ReadingRequests();
    private final DashboardMessages messages;
    private final Broadcaster broadcaster;
    private final Clock clock;

    public ReadingsApiHandler(DashboardMessages messages, Broadcaster broadcaster, Clock clock) {
        this.messages = messages;
        this.broadcaster = broadcaster;
        this.clock = clock;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        if (!HttpMethod.POST.is(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "POST");
            return JsonResponses.send(response, HttpStatus.METHOD_NOT_ALLOWED_405,
                    messages.error("use POST to send a reading"), callback);
        }
        long length = request.getLength();
        if (length < 0 || length > MAX_BODY_BYTES) {
            return JsonResponses.send(response, length < 0 ? HttpStatus.LENGTH_REQUIRED_411 : HttpStatus.PAYLOAD_TOO_LARGE_413,
                    messages.error("send a Content-Length of at most " + MAX_BODY_BYTES + " bytes"), callback);
        }
        String body = Content.Source.asString(request, StandardCharsets.UTF_8);
        try {
            VitalSigns reading = requests.parse(body, clock.instant());
            broadcaster.publish(reading);
            return JsonResponses.send(response, HttpStatus.ACCEPTED_202, messages.reading(reading), callback);
        } catch (BadMessageException e) {
            return JsonResponses.send(response, HttpStatus.BAD_REQUEST_400, messages.error(e.getMessage()), callback);
        }
    }
}
