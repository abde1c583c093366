package org.livevitals.security;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
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
final class Acknowledgements implements AlertDesk {

    private final AlertCenter alerts;
    private final Wards wards;
    private final AuditTrail audit;

    Acknowledgements(AlertCenter alerts, Wards wards, AuditTrail audit) {
        this.alerts = alerts;
        this.wards = wards;
        this.audit = audit;
    }

    @Override
    public CompletableFuture<Optional<String>> acknowledge(Access access, String address, String alertId) {
        return CompletableFuture.completedFuture(decide(access, address, alertId));
    }

    private Optional<String> decide(Access access, String address, String alertId) {
        Alert alert = alerts.activeAlert(alertId)
                .filter(active -> access.mayAcknowledge(wards.wardOf(active.patient()).orElse(null)))
                .orElse(null);
        if (alert == null) {
            return refuse(access, address, null, "no active alert " + alertId + " that you may acknowledge");
        }
        Acknowledgement result = alerts.acknowledge(alertId, access.user());
        switch (result.outcome()) {
            case ACKNOWLEDGED -> {
                record(access, address, alert.patient(), alertId + " (" + alert.source() + "): " + AuditEvent.OK);
                return Optional.empty();
            }
            case ALREADY -> {
                return refuse(access, address, alert.patient(),
                        "alert " + alertId + " is already acknowledged by " + result.alert().acknowledgedBy());
            }
            default -> {
                return refuse(access, address, alert.patient(), "alert " + alertId + " has cleared");
            }
        }
    }

    private Optional<String> refuse(Access access, String address, String patient, String reason) {
        audit.recordRefusal(new AuditEvent(access.user(), access.role().wireName(), address, AuditEvent.ACKNOWLEDGE,
                patient, AuditEvent.refused(reason)));
        return Optional.of(reason);
    }

    private void record(Access access, String address, String patient, String outcome) {
        audit.record(new AuditEvent(access.user(), access.role().wireName(), address, AuditEvent.ACKNOWLEDGE, patient, outcome));
    }
}
