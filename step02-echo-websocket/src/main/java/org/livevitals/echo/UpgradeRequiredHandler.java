package org.livevitals.echo;

import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Answers a plain HTTP request to the WebSocket path with 400 and a sentence saying why.
 *
 * <p>Jetty's upgrade handler only takes requests that ask to upgrade; anything else falls through
 * to the next handler, and without this one a browser typing the URL would get a puzzling 404.
 */
public final class UpgradeRequiredHandler extends Handler.Abstract {

    public static final String MESSAGE =
            "This is a WebSocket endpoint: connect with a WebSocket client (an HTTP Upgrade request is required).\n";

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        response.setStatus(HttpStatus.BAD_REQUEST_400);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        Content.Sink.write(response, true, MESSAGE, callback);
        return true;
    }
}
