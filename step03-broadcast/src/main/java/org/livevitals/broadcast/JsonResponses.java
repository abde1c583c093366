package org.livevitals.broadcast;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/** Writes a JSON body with its status: every API answer, errors included, is JSON. */
public final class JsonResponses {

    private JsonResponses() {}

    /**
     * Sends the answer. An error answer (4xx, 5xx) first reads and drops the small body a client may still
     * be sending ({@link RefusedBodies}), so every refusal of every API reaches the client, whichever
     * check refused it: the method, the type, the size, the sign-in, the role. So an error answer may be
     * written after this returns, once that body is in; either way the callback is completed once, when it is.
     */
    public static boolean send(Response response, int status, String json, Callback callback) {
        if (status >= HttpStatus.BAD_REQUEST_400) {
            RefusedBodies.discardThen(response.getRequest(), () -> write(response, status, json, callback));
        } else {
            write(response, status, json, callback);
        }
        return true;
    }

    private static void write(Response response, int status, String json, Callback callback) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        Content.Sink.write(response, true, json, callback);
    }
}
