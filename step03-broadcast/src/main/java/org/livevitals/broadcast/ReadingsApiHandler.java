package org.livevitals.broadcast;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.http.MimeTypes;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.livevitals.rawsockets.ReadingListener;
import org.livevitals.rawsockets.VitalSigns;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code POST /api/readings}: validate a reading, then broadcast it to every dashboard.
 *
 * <p>This is the "notify clients after a REST action" pattern: an ordinary HTTP request changes
 * state, and the WebSocket tells everyone watching. Every refusal is a JSON error with a status
 * that says what to fix, and nothing is broadcast.
 *
 * <p>Only {@code application/json} is taken. A browser sends a cross-site POST without asking
 * first (no CORS preflight) only when its type is plain text, a form or multipart: requiring JSON
 * means a page on another site cannot forge readings with a hidden form.
 */
public final class ReadingsApiHandler extends Handler.Abstract {

    /** A reading is about 200 bytes; anything much larger is not a reading. */
    public static final int MAX_BODY_BYTES = 16 * 1024;

    public static final String JSON_TYPE = "application/json";
    static final String SERVER_ERROR = "server error: the reading could not be passed on, send it again";

    private static final Logger log = LoggerFactory.getLogger(ReadingsApiHandler.class);

    private final ReadingRequests requests = new ReadingRequests();
    private final DashboardMessages messages;
    private final ReadingListener publisher;
    private final Clock clock;

    public ReadingsApiHandler(DashboardMessages messages, ReadingListener publisher, Clock clock) {
        this.messages = messages;
        this.publisher = publisher;
        this.clock = clock;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        return handle(request, response, callback, publisher);
    }

    /**
     * The same, handing the reading to {@code to} instead of the publisher: Lab 5 passes, per request,
     * a listener that checks who sent it. The body is still read and checked here, with the one
     * {@link ReadingRequests} of this handler.
     */
    public boolean handle(Request request, Response response, Callback callback, ReadingListener to) throws Exception {
        if (!HttpMethod.POST.is(request.getMethod())) {
            response.getHeaders().put(HttpHeader.ALLOW, "POST");
            return error(response, HttpStatus.METHOD_NOT_ALLOWED_405, "use POST to send a reading", callback);
        }
        if (!isJsonInUtf8(request.getHeaders().getField(HttpHeader.CONTENT_TYPE))) {
            return error(response, HttpStatus.UNSUPPORTED_MEDIA_TYPE_415,
                    "send the reading as Content-Type: " + JSON_TYPE + " (UTF-8)", callback);
        }
        long length = request.getLength();
        if (length < 0 || length > MAX_BODY_BYTES) {
            return error(response, length < 0 ? HttpStatus.LENGTH_REQUIRED_411 : HttpStatus.PAYLOAD_TOO_LARGE_413,
                    "send a Content-Length of at most " + MAX_BODY_BYTES + " bytes", callback);
        }
        RequestBodies.read(request, MAX_BODY_BYTES, (body, unreadable) -> answer(body, unreadable, response, callback, to));
        return true; // the answer goes out once the body is in: RequestBodies says why it does not wait for it here
    }

    /** Publishes the reading the body holds and says so, or says why not. */
    private void answer(byte[] body, Throwable unreadable, Response response, Callback callback, ReadingListener to) {
        int status = HttpStatus.ACCEPTED_202;
        String json;
        try {
            VitalSigns reading = requests.parse(utf8Body(body, unreadable), clock.instant());
            to.onReading(reading);
            json = messages.reading(reading);
        } catch (BadMessageException e) {
            status = HttpStatus.BAD_REQUEST_400;
            json = messages.error(e.getMessage());
        } catch (ReadingRefusedException e) {
            status = HttpStatus.FORBIDDEN_403;
            json = messages.error(e.getMessage());
        } catch (RuntimeException e) { // the server's fault: still a JSON answer, and no stack trace on the wire
            log.error("a posted reading could not be handed on", e);
            status = HttpStatus.INTERNAL_SERVER_ERROR_500;
            json = messages.error(SERVER_ERROR);
        }
        JsonResponses.send(response, status, json, callback);
    }

    /** {@code application/json}, with no charset or with {@code charset=utf-8}: JSON is UTF-8 (RFC 8259). */
    private static boolean isJsonInUtf8(HttpField contentType) {
        if (contentType == null || !JSON_TYPE.equalsIgnoreCase(MimeTypes.getBase(contentType.getValue()))) {
            return false;
        }
        String charset = MimeTypes.getCharsetFromContentType(contentType.getValue());
        try {
            return charset == null || Charset.forName(charset).equals(StandardCharsets.UTF_8); // "utf8" too
        } catch (IllegalArgumentException unknownCharset) {
            return false;
        }
    }

    /** The body as text; a body that could not be read, or bytes that are not UTF-8, are a client error, not a 500. */
    private static String utf8Body(byte[] body, Throwable unreadable) throws BadMessageException {
        if (unreadable != null) {
            throw new BadMessageException("the body could not be read: " + unreadable.getClass().getSimpleName());
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw new BadMessageException("the body is not valid UTF-8");
        }
    }

    private boolean error(Response response, int status, String reason, Callback callback) {
        return JsonResponses.send(response, status, messages.error(reason), callback);
    }
}
