package org.livevitals.security;

import java.util.function.Function;
import org.eclipse.jetty.websocket.server.WebSocketCreator;
import org.livevitals.broadcast.DashboardStream;
import org.livevitals.rawsockets.VitalSigns;
import org.livevitals.reconnect.ResumableStream;
import org.livevitals.reconnect.StreamPublisher;
import org.livevitals.security.alerts.AlertCenter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lab 4's resumable stream behind Lab 5's handshake: readings, numbering, resume and heartbeats are
 * Lab 4's; who may open a session, and what each session is sent, is decided here. Every reading also
 * goes to the alert center, after the dashboards have it, so an alert never arrives before the
 * reading that raised it.
 */
final class SecureStream implements DashboardStream {

    private static final Logger log = LoggerFactory.getLogger(SecureStream.class);

    private final ResumableStream lab4;
    private final StreamPublisher publisher;
    private final Handshake handshake;
    private final SessionGuard guard;
    private final AlertCenter alerts;

    /** @param publisher where readings go out: {@code lab4} itself, or Lab 6's backplane */
    SecureStream(ResumableStream lab4, StreamPublisher publisher, Function<ResumableStream, Handshake> handshake,
            SessionGuard guard, AlertCenter alerts) {
        this.lab4 = lab4;
        this.publisher = publisher;
        this.handshake = handshake.apply(lab4);
        this.guard = guard;
        this.alerts = alerts;
    }

    @Override
    public void onReading(VitalSigns reading) {
        publisher.publish(reading);
        try {
            alerts.onReading(reading);
        } catch (RuntimeException e) { // the reading is out; a fault in the alerts must not refuse it to its device
            log.error("alerts could not check the reading of patient {}", reading.patientId(), e);
        }
    }

    @Override
    public WebSocketCreator endpoints() {
        return handshake;
    }

    @Override
    public void start() {
        lab4.start();
        alerts.start();
    }

    @Override
    public void close() {
        alerts.close();
        lab4.close();
        guard.close();
    }
}
