package org.livevitals.broadcast;

import java.nio.ByteBuffer;
import java.util.function.Supplier;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketClose;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketError;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketMessage;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketOpen;
import org.eclipse.jetty.websocket.api.annotations.WebSocket;
import org.livevitals.echo.EchoEndpoint;

/**
 * One dashboard's session: it joins the broadcast, gets the snapshot at once, and is answered
 * when it asks for something.
 *
 * <p>A message the server does not understand gets an error reply and is otherwise ignored: the
 * session stays open and keeps receiving readings.
 */
@WebSocket
public final class DashboardEndpoint {

    private final DashboardSessions sessions;
    private final Supplier<String> snapshot;
    private final ClientMessages clientMessages;
    private final DashboardMessages messages;

    public DashboardEndpoint(DashboardSessions sessions, Supplier<String> snapshot,
            ClientMessages clientMessages, DashboardMessages messages) {
        this.sessions = sessions;
        this.snapshot = snapshot;
        this.clientMessages = clientMessages;
        this.messages = messages;
    }

    @OnWebSocketOpen
    public void onOpen(Session session) {
        // Join first, then send the snapshot: a reading published in between may arrive twice
        // (harmless: the dashboard keeps the newer one) instead of not at all.
        sessions.join(session);
        reply(session, snapshot.get());
    }

    @OnWebSocketMessage
    public void onText(Session session, String text) {
        try {
            if (clientMessages.parse(text) == ClientMessages.Type.GET_SNAPSHOT) {
                reply(session, snapshot.get());
            }
        } catch (BadMessageException e) {
            reply(session, messages.error(e.getMessage()));
        }
    }

    /**
     * A reply obeys the broadcast's rule: a dashboard whose queue is full is evicted. Without it, a
     * client asking for snapshots and never reading would fill its queue with them unpunished.
     */
    private void reply(Session session, String json) {
        session.sendText(json, Callback.from(() -> { }, failure -> sessions.evict(session, failure)));
    }

    /** Dashboards speak JSON text: a binary message is refused with 1003, like Lab 2's echo. */
    @OnWebSocketMessage
    public void onBinary(Session session, ByteBuffer payload, Callback callback) {
        callback.succeed();
        session.close(StatusCode.BAD_DATA, "binary messages are not supported: send JSON text", Callback.NOOP);
    }

    @OnWebSocketClose
    public void onClose(Session session, int statusCode, String reason) {
        sessions.leave(session, closeNote(statusCode, reason));
    }

    /** How a close goes into the log. The reason is the client's text, escaped: raw, it could forge log lines. */
    static String closeNote(int statusCode, String reason) {
        return "closed " + EchoEndpoint.closeDescription(statusCode, reason); // Lab 2's rule, reused
    }

    @OnWebSocketError
    public void onError(Session session, Throwable cause) {
        sessions.leave(session, "error: " + cause.getClass().getSimpleName());
    }
}
