package org.livevitals.security.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.livevitals.security.alerts.Acknowledgement.Outcome;
import org.livevitals.security.alerts.Alert.Event;
import org.livevitals.security.alerts.Alert.State;
import org.livevitals.testkit.Scenario;
import org.livevitals.testkit.SettableClock;

/** Acknowledging alerts, the silence it buys, and what sounds again when nobody answers. */
class AcknowledgementTest {

    private static final Instant START = Instant.parse("2026-11-30T10:00:00Z");
    private static final Duration READING_INTERVAL = Duration.ofSeconds(2);
    private static final AlertSettings SETTINGS = AlertSettings.DEFAULTS;
    private static final String NURSE = "nurse.kim";
    private static final String DOCTOR = "dr.lee";

    private final SettableClock clock = new SettableClock(START);
    private final AlertRecorder recorder = new AlertRecorder();
    private AlertCenter center;

    @BeforeEach
    void setUp() {
        center = new AlertCenter(AlertLimits.DEFAULTS, SETTINGS, clock, recorder);
    }

    /** Raises (or changes) the SpO2 alert of {@code patient} and answers it as it now stands. */
    private Alert spo2(String patient, int value) {
        clock.advance(READING_INTERVAL);
        center.onReading(Readings.of(patient).spo2(value).at(clock.instant()).build());
        return center.active().stream()
                .filter(alert -> alert.patient().equals(patient) && alert.source().equals("SpO2"))
                .findFirst().orElseThrow();
    }

    /** Moves the clock past {@code duration} from now, as ticks every quarter-second would see it, and ticks. */
    private void tickAfter(Duration duration) {
        clock.advance(duration);
        center.tick();
    }

    @Test
    @Scenario("L5-35")
    void anUnacknowledgedHighAlertIsReannouncedAndAnAcknowledgedOneOnlyWhenItsSilenceEnds() {
        Alert ignored = spo2("P001", 85);
        Alert answered = spo2("P002", 85);
        Instant acknowledgedAt = clock.instant();
        center.acknowledge(answered.id(), NURSE);
        recorder.clear();

        tickAfter(SETTINGS.reannounceInterval());

        assertThat(recorder.take("SpO2")).as("after the re-announce interval: only the unacknowledged one")
                .extracting(Alert::id, Alert::event, Alert::state, Alert::announcements)
                .containsExactly(tuple(ignored.id(), Event.REANNOUNCED, State.UNACKNOWLEDGED, 2));
        assertThat(center.activeAlert(answered.id()).orElseThrow().announcements()).isEqualTo(1);

        tickAfter(Duration.between(clock.instant(), acknowledgedAt.plus(SETTINGS.silencePeriod())));

        assertThat(recorder.take("SpO2")).as("when the silence ends, the acknowledged one sounds again")
                .extracting(Alert::id, Alert::event, Alert::state, Alert::announcements)
                .containsExactlyInAnyOrder(
                        tuple(ignored.id(), Event.REANNOUNCED, State.UNACKNOWLEDGED, 3),
                        tuple(answered.id(), Event.REANNOUNCED, State.UNACKNOWLEDGED, 2));
    }

    @Test
    void anAcknowledgementSaysWhoWhenAndUntilWhen() {
        Alert alert = spo2("P001", 85);

        Acknowledgement answer = center.acknowledge(alert.id(), NURSE);

        Instant now = clock.instant();
        assertThat(answer.outcome()).isEqualTo(Outcome.ACKNOWLEDGED);
        assertThat(answer.alert()).extracting(Alert::id, Alert::state, Alert::event, Alert::acknowledgedBy,
                        Alert::acknowledgedAt, Alert::silencedUntil, Alert::updatedAt)
                .containsExactly(alert.id(), State.ACKNOWLEDGED, Event.ACKNOWLEDGED, NURSE, now,
                        now.plus(SETTINGS.silencePeriod()), now);
        assertThat(recorder.all()).last().isEqualTo(answer.alert());
        assertThat(center.activeAlert(alert.id())).contains(answer.alert());
    }

    @Test
    void aSecondAcknowledgementIsToldWhoWasFirst() {
        Alert alert = spo2("P001", 85);
        center.acknowledge(alert.id(), NURSE);
        recorder.clear();

        Acknowledgement second = center.acknowledge(alert.id(), DOCTOR);

        assertThat(second.outcome()).isEqualTo(Outcome.ALREADY);
        assertThat(second.alert().acknowledgedBy()).isEqualTo(NURSE);
        assertThat(recorder.all()).as("a refused acknowledgement changes nothing").isEmpty();
    }

    @Test
    void anUnknownOrClearedAlertIsNotActive() {
        Alert alert = spo2("P001", 85);
        for (int i = 0; i < SETTINGS.clearAfterReadings(); i++) {
            spo2Normal("P001");
        }

        assertThat(center.acknowledge(alert.id(), NURSE)).isEqualTo(Acknowledgement.notActive());
        assertThat(center.acknowledge("A999", NURSE).outcome()).isEqualTo(Outcome.NOT_ACTIVE);
        assertThat(center.acknowledge(null, NURSE).outcome()).isEqualTo(Outcome.NOT_ACTIVE);
    }

    @Test
    void escalationUndoesTheAcknowledgementAndEasingKeepsIt() {
        Alert warning = spo2("P001", 92);
        center.acknowledge(warning.id(), NURSE);

        Alert critical = spo2("P001", 88);
        assertThat(critical).extracting(Alert::event, Alert::priority, Alert::state, Alert::acknowledgedBy,
                        Alert::silencedUntil)
                .containsExactly(Event.ESCALATED, Priority.HIGH, State.UNACKNOWLEDGED, null, null);

        center.acknowledge(critical.id(), DOCTOR);
        Alert eased = null;
        for (int i = 0; i < SETTINGS.clearAfterReadings(); i++) {
            eased = spo2("P001", 92);
        }
        assertThat(eased).extracting(Alert::event, Alert::priority, Alert::state, Alert::acknowledgedBy)
                .containsExactly(Event.EASED, Priority.MEDIUM, State.ACKNOWLEDGED, DOCTOR);
    }

    @Test
    void aMediumAlertIsNeverReannouncedButSoundsAgainWhenItsSilenceEnds() {
        Alert warning = spo2("P001", 92);
        recorder.clear();

        tickAfter(SETTINGS.reannounceInterval().multipliedBy(3));
        assertThat(recorder.take("SpO2")).as("only high-priority alerts are re-announced").isEmpty();

        center.acknowledge(warning.id(), NURSE);
        tickAfter(SETTINGS.silencePeriod().minusSeconds(1));
        assertThat(recorder.take("SpO2")).extracting(Alert::event).containsExactly(Event.ACKNOWLEDGED);
        tickAfter(Duration.ofSeconds(1));
        assertThat(recorder.take("SpO2")).extracting(Alert::event, Alert::state, Alert::acknowledgedBy, Alert::announcements)
                .containsExactly(tuple(Event.REANNOUNCED, State.UNACKNOWLEDGED, null, 2));
    }

    private void spo2Normal(String patient) {
        clock.advance(READING_INTERVAL);
        center.onReading(Readings.of(patient).at(clock.instant()).build());
    }
}
