package org.livevitals.broadcast;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.common.WebSocketSession;
import org.eclipse.jetty.websocket.core.Frame;
import org.eclipse.jetty.websocket.core.OpCode;

/**
 * A text message encoded to UTF-8 once, then sent to many sessions.
 *
 * <p>{@code Session.sendText(String)} encodes the string again for every session it goes to: with
 * 1,000 dashboards, 1,000 identical encodings of each reading. A profile of the ward benchmark
 * (labs/performance.md) showed that encoding as a tenth of the publisher's time. So the broadcaster
 * encodes once, and each send is a text frame, through Jetty's core session, over its own view of
 * the one shared buffer (Jetty only reads it, and each view keeps its own position).
 *
 * <p>Lab 4 keeps these for its replay history: a resumed dashboard gets the very bytes the others got.
 */
public final class EncodedText {

    private final ByteBuffer utf8;

    public EncodedText(String text) {
        this.utf8 = ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Sends the message as one text frame; {@code onFailure} hears if it could not be queued or written. */
    public void sendTo(Session session, Consumer<Throwable> onFailure) {
        Frame frame = new Frame(OpCode.TEXT, utf8.slice());
        ((WebSocketSession) session).getCoreSession().sendFrame(frame, Callback.from(() -> { }, onFailure), false);
    }
}
