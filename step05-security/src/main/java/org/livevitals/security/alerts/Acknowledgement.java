package org.livevitals.security.alerts;

import java.util.Objects;

/**
 * What asking to acknowledge an alert came to. A refusal is an answer, not an exception: two nurses
 * pressing Acknowledge at the same moment is normal, and the second one is told who was first.
 *
 * @param outcome what happened
 * @param alert   the alert as it now stands: acknowledged by this request ({@code ACKNOWLEDGED}) or by
 *                someone before ({@code ALREADY}); null for {@code NOT_ACTIVE}
 */
public record Acknowledgement(Outcome outcome, Alert alert) {

    public enum Outcome {
        /** Acknowledged by this request: the alert is silenced for the silence period. */
        ACKNOWLEDGED,
        /** No such alert, or it cleared: there is nothing left to acknowledge. */
        NOT_ACTIVE,
        /** Someone acknowledged it already, and its silence has not ended. */
        ALREADY
    }

    public Acknowledgement {
        Objects.requireNonNull(outcome, "outcome");
        if ((alert == null) != (outcome == Outcome.NOT_ACTIVE)) {
            throw new IllegalArgumentException(outcome + " " + (alert == null ? "needs" : "has no") + " alert");
        }
    }

    static Acknowledgement acknowledged(Alert alert) {
        return new Acknowledgement(Outcome.ACKNOWLEDGED, alert);
    }

    static Acknowledgement already(Alert alert) {
        return new Acknowledgement(Outcome.ALREADY, alert);
    }

    static Acknowledgement notActive() {
        return new Acknowledgement(Outcome.NOT_ACTIVE, null);
    }
}
