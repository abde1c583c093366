package org.livevitals.security;

import java.util.function.Function;
import org.eclipse.jetty.websocket.server.WebSocketCreator;
import org.livevitals.broadcast.DashboardStream;
import org.livevitals.rawsockets.VitalSigns;
import org.livevitals.reconnect.ResumableStream;

/**
 * Lab 4's resumable stream behind Lab 5's handshake: readings, numbering, resume and heartbeats are
 * Lab 4's; who may open a session, and what each session is sent, is decided here.
 */
final class SecureStream implements DashboardStream {

    private final ResumableStream lab4;
    private final Handshake handshake;
    private final SessionGuard guard;

    SecureStream(ResumableStream lab4, Function<ResumableStream, Handshake> handshake, SessionGuard guard) {
        this.lab4 = lab4;
        this.handshake = handshake.apply(lab4);
        this.guard = guard;
    }

    @Override
    public void onReading(VitalSigns reading) {
        lab4.onReading(reading);
    }

    @Override
    public WebSocketCreator endpoints() {
        return handshake;
    }

    @Override
    public void start() {
        lab4.start();
    }

    @Override
    public void close() {
        lab4.close();
        guard.close();
    }
}
