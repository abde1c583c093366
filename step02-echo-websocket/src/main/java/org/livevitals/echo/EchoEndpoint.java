package org.livevitals.echo;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketClose;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketError;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketMessage;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketOpen;
import org.eclipse.jetty.websocket.api.annotations.WebSocket;
import org.livevitals.rawsockets.WireText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's WebSocket session on the echo server: every text message goes straight back.
 *
 * <p>Jetty creates one endpoint per connection and calls these methods as frames arrive, already
 * unmasked, reassembled and checked (valid UTF-8, within the size limit). Compare with Lab 1's
 * {@code DeviceConnection}, which had to do all of that itself.
 */
@WebSocket
public final class EchoEndpoint {

    private static final Logger log = LoggerFactory.getLogger(EchoEndpoint.class);

    private final CloseListener closes;
    private final AtomicBoolean evicted = new AtomicBoolean();
    private String client = "?";

    public EchoEndpoint(CloseListener closes) {
        this.closes = closes;
    }

    @OnWebSocketOpen
    public void onOpen(Session session) {
        client = String.valueOf(session.getRemoteSocketAddress());
        log.info("client {} connected", client);
    }

    @OnWebSocketMessage
    public void onText(Session session, String message) {
        // Exercise 3 starts here (scenarios L2-01 L2-05 L2-13)
        session.sendText(message, Callback.from(() -> { }, failure -> evict(session, failure)));
        // Exercise 3 ends here
    }

    /**
     * An echo that cannot be sent means the client stopped reading (with {@link
     * EchoServer#MAX_QUEUED_FRAMES} echoes queued, the next send fails with a {@code
     * WritePendingException}) or the connection broke. Either way the client is cut off at once:
     * {@code disconnect()}, because a polite close frame would wait behind the echoes it is not
     * reading. Every echo still queued fails too, so only the first failure is logged.
     */
    private void evict(Session session, Throwable failure) {
        if (evicted.compareAndSet(false, true)) {
            log.info("client {} evicted: echo not sent ({})", client, failure.getClass().getSimpleName());
            session.disconnect();
        }
    }

    /** The echo protocol is text only: a binary frame is refused with 1003, "cannot accept this data type". */
    @OnWebSocketMessage
    public void onBinary(Session session, ByteBuffer payload, Callback callback) {
        // Exercise 4 starts here (scenarios L2-09)
        callback.succeed();
        session.close(StatusCode.BAD_DATA, "binary messages are not supported: send text", Callback.NOOP);
        // Exercise 4 ends here
    }

    @OnWebSocketClose
    public void onClose(int statusCode, String reason) {
        log.info("client {} closed: {}", client, closeDescription(statusCode, reason));
        closes.onClose(client, statusCode, reason);
    }

    /**
     * The code and the reason for the log. The reason is whatever text the client put in its close
     * frame: raw, a {@code \r\n} in it would forge a log line, so it is escaped.
     */
    public static String closeDescription(int statusCode, String reason) {
        return statusCode + (reason == null || reason.isEmpty() ? "" : " " + WireText.printable(reason));
    }

    @OnWebSocketError
    public void onError(Throwable cause) {
        log.info("client {} error: {}", client, cause.toString());
    }
}
