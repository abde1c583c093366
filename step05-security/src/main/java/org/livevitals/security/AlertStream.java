package org.livevitals.security;

import java.util.Optional;
import org.eclipse.jetty.websocket.api.Session;
import org.livevitals.reconnect.Audience;
import org.livevitals.reconnect.OpeningState;
import org.livevitals.reconnect.StreamPublisher;
import org.livevitals.security.alerts.Alert;
import org.livevitals.security.alerts.AlertCenter;
import org.livevitals.security.alerts.AlertMessages;

/**
 * Alerts on the dashboard stream, to exactly the people allowed to see their patient.
 *
 * <p>Every change of an alert (raised, acknowledged, re-announced, cleared) is a message of Lab 4's
 * numbered stream: serialized once, sent to the sessions whose audience includes the patient, kept in
 * the history and replayed to a dashboard that resumes, in order with the readings that caused it. And
 * every session opens with the list of alerts active now ({@link OpeningState}), so a page opened after
 * an alarm was raised still shows it.
 */
final class AlertStream implements OpeningState {

    private final AlertMessages messages = new AlertMessages();
    private final Audience audience;
    private final AlertCenter center;
    private volatile StreamPublisher stream;

    /** @param center makes the alerts this stream publishes; its listener must be {@link #changed} */
    AlertStream(Audience audience, AlertCenter center) {
        this.audience = audience;
        this.center = center;
    }

    /** The stream the changes go on: set once, before the alert center starts. */
    void publishTo(StreamPublisher stream) {
        this.stream = stream;
    }

    /** The alert center's listener: called for every change, in order. */
    void changed(Alert alert) {
        stream.publishMessage(alert.patient(), messages.alert(alert));
    }

    @Override
    public Optional<String> messageFor(Session session) {
        return Optional.of(messages.activeList(center.active().stream()
                .filter(alert -> audience.maySee(session, alert.patient()))
                .toList()));
    }
}
