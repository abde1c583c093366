package org.livevitals.reconnect;

import java.nio.ByteBuffer;
import java.util.Optional;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketClose;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketError;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketMessage;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketOpen;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketPong;
import org.eclipse.jetty.websocket.api.annotations.WebSocket;
import org.livevitals.broadcast.BadMessageException;
import org.livevitals.broadcast.ClientMessages;
import org.livevitals.broadcast.DashboardEndpoint;

/**
 * One dashboard's session in Lab 4: it opens with a resume or a snapshot, and it answers pings.
 *
 * <p>A {@code get-snapshot} is answered by the stream, in order with the readings; everything else
 * (a message the server does not understand, a binary frame, the close) is handled exactly as in
 * Lab 3, by Lab 3's endpoint.
 */
@WebSocket
public final class ResumableEndpoint {

    private final ResumableStream stream;
    private final Optional<ResumeRequest> request;
    private final BadMessageException unreadable;
    private final DashboardEndpoint lab3;
    private final ClientMessages clientMessages;

    ResumableEndpoint(ResumableStream stream, Optional<ResumeRequest> request, BadMessageException unreadable) {
        this.stream = stream;
        this.request = request;
        this.unreadable = unreadable;
        this.clientMessages = stream.clientMessages(); // one for all sessions: each holds a JSON mapper
        // Lab 3's endpoint only handles binary frames, the close and errors here; snapshots come from the stream.
        this.lab3 = new DashboardEndpoint(stream.parts().sessions(), ResumableEndpoint::noSnapshotHere, clientMessages,
                stream.parts().messages());
    }

    private static String noSnapshotHere() {
        throw new IllegalStateException("Lab 4 sends every snapshot through its stream, in order with the readings");
    }

    @OnWebSocketOpen
    public void onOpen(Session session) {
        stream.open(session, request, unreadable);
    }

    @OnWebSocketPong
    public void onPong(Session session, ByteBuffer payload) {
        stream.heartbeats().ponged(session);
    }

    /** Lab 3's messages, read by Lab 3's rules; the snapshot comes from the stream, under its lock. */
    @OnWebSocketMessage
    public void onText(Session session, String text) {
        try {
            if (clientMessages.parse(text) == ClientMessages.Type.GET_SNAPSHOT) {
                stream.sendSnapshot(session);
            }
        } catch (BadMessageException e) {
            stream.sendError(session, e.getMessage());
        }
    }

    @OnWebSocketMessage
    public void onBinary(Session session, ByteBuffer payload, Callback callback) {
        lab3.onBinary(session, payload, callback);
    }

    @OnWebSocketClose
    public void onClose(Session session, int statusCode, String reason) {
        stream.heartbeats().closed(session);
        lab3.onClose(session, statusCode, reason);
    }

    @OnWebSocketError
    public void onError(Session session, Throwable cause) {
        stream.heartbeats().closed(session);
        lab3.onError(session, cause);
    }
}
