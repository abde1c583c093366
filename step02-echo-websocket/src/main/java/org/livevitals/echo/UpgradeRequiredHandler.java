package org.livevitals.echo;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.core.WebSocketConstants;
import org.livevitals.rawsockets.WireText;

/**
 * Answers a request to the WebSocket path that Jetty did not upgrade, with a sentence saying why.
 *
 * <p>Jetty's upgrade handler only takes valid upgrade requests; anything else falls through to
 * the next handler, and without this one a browser typing the URL would get a puzzling 404. A
 * plain request gets 400. So does a handshake asking for a WebSocket version Jetty does not speak:
 * Jetty declines it without answering. For that one, RFC 6455 (section 4.2.2) wants
 * {@code 426 Upgrade Required} and the versions the server speaks in {@code Sec-WebSocket-Version},
 * so that a client able to speak several can try again with one of them.
 */
public final class UpgradeRequiredHandler extends Handler.Abstract {

    public static final String MESSAGE =
            "This is a WebSocket endpoint: connect with a WebSocket client (an HTTP Upgrade request is required).\n";

    /** The WebSocket version Jetty speaks: 13, RFC 6455's, the only one in use. */
    public static final String WEBSOCKET_VERSION = WebSocketConstants.SPEC_VERSION_STRING;

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        HttpFields headers = request.getHeaders();
        String version = headers.get(HttpHeader.SEC_WEBSOCKET_VERSION);
        if (version != null && !version.equals(WEBSOCKET_VERSION) && headers.contains(HttpHeader.UPGRADE, "websocket")) {
            response.getHeaders().put(HttpHeader.SEC_WEBSOCKET_VERSION, WEBSOCKET_VERSION);
            // A 426 names the protocol to upgrade to, and Connection keeps proxies from passing that on.
            response.getHeaders().put(HttpHeader.UPGRADE, "websocket");
            response.getHeaders().put(HttpHeader.CONNECTION, "Upgrade");
            return answer(response, callback, HttpStatus.UPGRADE_REQUIRED_426, versionMessage(version));
        }
        return answer(response, callback, HttpStatus.BAD_REQUEST_400, MESSAGE);
    }

    /** The body of a 426; the version asked for is the client's text, so it is quoted escaped. */
    static String versionMessage(String versionAsked) {
        return "This server speaks WebSocket version " + WEBSOCKET_VERSION + " (RFC 6455) only; the handshake asked for"
                + " version " + WireText.printable(versionAsked) + ". Connect with a client that speaks version "
                + WEBSOCKET_VERSION + ".\n";
    }

    private static boolean answer(Response response, Callback callback, int status, String message) {
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain; charset=utf-8");
        Content.Sink.write(response, true, message, callback);
        return true;
    }
}
