package org.livevitals.security;

import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.livevitals.security.alerts.Alert;
import org.livevitals.security.alerts.Acknowledgement;
import org.livevitals.security.alerts.AlertCenter;

/**
 * A clinician acknowledges an alert from her dashboard: allowed only for a patient she cares for, and
 * audited either way. The acknowledged alert then goes out on the stream to every dashboard allowed to
 * see it (the alert center publishes the change), so one click silences it everywhere.
 *
 * <p>An alert she may not acknowledge and an alert that does not exist get the same answer: the
 * answer must not tell a nurse what happens on another ward.
 */
final class Acknowledgements {

    private final AlertCenter alerts;
    private final Wards wards;
    private final AuditTrail audit;
    private final SecurityMessages messages = new SecurityMessages();

    Acknowledgements(AlertCenter alerts, Wards wards, AuditTrail audit) {
        this.alerts = alerts;
        this.wards = wards;
        this.audit = audit;
    }

    void acknowledge(Session session, Access access, String address, String alertId) {
        Alert alert = alerts.activeAlert(alertId)
                .filter(active -> access.mayAcknowledge(wards.wardOf(active.patient()).orElse(null)))
                .orElse(null);
        if (alert == null) {
            refuse(session, access, address, null, "no active alert " + alertId + " that you may acknowledge");
            return;
        }
        Acknowledgement result = alerts.acknowledge(alertId, access.user());
        switch (result.outcome()) {
            case ACKNOWLEDGED -> record(access, address, alert.patient(), alertId + " (" + alert.source() + "): " + AuditEvent.OK);
            case ALREADY -> refuse(session, access, address, alert.patient(),
                    "alert " + alertId + " is already acknowledged by " + result.alert().acknowledgedBy());
            case NOT_ACTIVE -> refuse(session, access, address, alert.patient(), "alert " + alertId + " has cleared");
        }
    }

    private void refuse(Session session, Access access, String address, String patient, String reason) {
        audit.recordRefusal(new AuditEvent(access.user(), access.role().wireName(), address, AuditEvent.ACKNOWLEDGE,
                patient, AuditEvent.refused(reason)));
        session.sendText(messages.error(reason), Callback.NOOP);
    }

    private void record(Access access, String address, String patient, String outcome) {
        audit.record(new AuditEvent(access.user(), access.role().wireName(), address, AuditEvent.ACKNOWLEDGE, patient, outcome));
    }
}
