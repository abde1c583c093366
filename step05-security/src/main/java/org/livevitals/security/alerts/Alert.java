package org.livevitals.security.alerts;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import org.livevitals.rawsockets.VitalSigns;

/**
 * One alert as it stands after its latest change: what every dashboard is told, and what a nurse
 * acknowledges. An alert is immutable; each change ({@link #event()}) is a new {@code Alert} with the
 * same {@link #id()}, so the record sent out is always the whole truth and never a diff to apply.
 *
 * <p>An alert lives from {@code raised} to {@code cleared}; the same condition coming back later is a
 * new alert with a new id.
 *
 * @param id             opaque and unique per server, e.g. {@code A7}
 * @param patient        whose alert it is
 * @param kind           clinical (the patient) or technical (the equipment)
 * @param source         what raised it: a vital key ({@code SpO2}), {@link #NEWS2}, or {@link #DEVICE}
 * @param priority       how urgent it is now
 * @param state          unacknowledged, acknowledged or cleared
 * @param event          the change this record is the result of
 * @param text           what a person reads, with the value, the unit and the limit crossed
 * @param raisedAt       when it was raised (the server's clock)
 * @param updatedAt      when this change happened
 * @param reading        the reading that raised it or last changed it; null for a technical alarm with none
 * @param news2          the score that raised or last changed it, for source {@code NEWS2}; null otherwise
 * @param acknowledgedBy who acknowledged it; null unless acknowledged
 * @param acknowledgedAt when; null unless acknowledged
 * @param silencedUntil  when an acknowledged alert sounds again if still active; null unless acknowledged
 * @param clearedAt      when it cleared; null while active
 * @param announcements  how many times it was announced: 1 when raised, one more per re-announcement
 */
public record Alert(String id, String patient, Kind kind, String source, Priority priority, State state, Event event,
        String text, Instant raisedAt, Instant updatedAt, VitalSigns reading, News2.Score news2,
        String acknowledgedBy, Instant acknowledgedAt, Instant silencedUntil, Instant clearedAt, int announcements) {

    /** The source of an alert raised by a reading's NEWS2 score. */
    public static final String NEWS2 = "NEWS2";
    /** The source of a technical alarm: the device is disconnected or silent. */
    public static final String DEVICE = "device";

    /** Whether the patient or the equipment needs attention: a nurse goes to a different place for each. */
    public enum Kind {
        CLINICAL, TECHNICAL;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum State {
        UNACKNOWLEDGED, ACKNOWLEDGED, CLEARED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What happened to the alert in this change. */
    public enum Event {
        RAISED, ESCALATED, EASED, REANNOUNCED, ACKNOWLEDGED, CLEARED;

        public String wireName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Alert {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(patient, "patient");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(raisedAt, "raisedAt");
        Objects.requireNonNull(updatedAt, "updatedAt");
    }

    /** Whether it still needs attention: not cleared. */
    public boolean isActive() {
        return state != State.CLEARED;
    }

    // The changes an alert goes through. Only AlertCenter makes them, under its lock.

    static Alert raised(String id, Assessment cause, Instant now) {
        return new Alert(id, cause.reading().patientId(), Kind.CLINICAL, cause.source(), cause.priority(),
                State.UNACKNOWLEDGED, Event.RAISED, cause.text(), now, now, cause.reading(), cause.news2(),
                null, null, null, null, 1);
    }

    static Alert technical(String id, String patient, String text, Instant now) {
        return new Alert(id, patient, Kind.TECHNICAL, DEVICE, Priority.MEDIUM, State.UNACKNOWLEDGED, Event.RAISED, text,
                now, now, null, null, null, null, null, null, 1);
    }

    /** More urgent now: it must be seen again, so an acknowledgement of the milder alert no longer holds. */
    Alert escalated(Assessment cause, Instant now) {
        return new Alert(id, patient, kind, source, cause.priority(), State.UNACKNOWLEDGED, Event.ESCALATED, cause.text(),
                raisedAt, now, cause.reading(), cause.news2(), null, null, null, null, announcements);
    }

    /** Less urgent now, still active: whoever acknowledged it still has it in hand. */
    Alert eased(Assessment cause, Instant now) {
        return new Alert(id, patient, kind, source, cause.priority(), state, Event.EASED, cause.text(),
                raisedAt, now, cause.reading(), cause.news2(), acknowledgedBy, acknowledgedAt, silencedUntil, null,
                announcements);
    }

    Alert acknowledged(String user, Instant now, Instant silenceEnds) {
        return new Alert(id, patient, kind, source, priority, State.ACKNOWLEDGED, Event.ACKNOWLEDGED, text,
                raisedAt, now, reading, news2, user, now, silenceEnds, null, announcements);
    }

    /** Announced again (unacknowledged too long, or its silence over): it needs someone now. */
    Alert reannounced(Instant now) {
        return new Alert(id, patient, kind, source, priority, State.UNACKNOWLEDGED, Event.REANNOUNCED, text,
                raisedAt, now, reading, news2, null, null, null, null, announcements + 1);
    }

    /** Over because a reading said so: {@code latest} says why, and is the reading it shows. */
    Alert cleared(Assessment latest, Instant now) {
        return new Alert(id, patient, kind, source, priority, State.CLEARED, Event.CLEARED, latest.text(),
                raisedAt, now, latest.reading(), latest.news2(), acknowledgedBy, acknowledgedAt, silencedUntil, now,
                announcements);
    }

    /** Over for a reason no reading gives ({@code why}: readings resumed, no longer monitored). */
    Alert cleared(String why, Instant now) {
        return new Alert(id, patient, kind, source, priority, State.CLEARED, Event.CLEARED, why,
                raisedAt, now, reading, news2, acknowledgedBy, acknowledgedAt, silencedUntil, now, announcements);
    }
}
