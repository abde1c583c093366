package org.livevitals.security.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.livevitals.security.alerts.Alert.Event;
import org.livevitals.security.alerts.Alert.Kind;
import org.livevitals.security.alerts.Alert.State;
import org.livevitals.testkit.Scenario;
import org.livevitals.testkit.SettableClock;

/** Technical alarms: a device that goes quiet or disconnects, and the reading that ends the alarm. */
class TechnicalAlarmTest {

    private static final Instant START = Instant.parse("2026-11-30T10:00:00Z");
    private static final Duration READING_INTERVAL = Duration.ofSeconds(2);
    /** How often the center ticks in a server: the test ticks as often while the patient is silent. */
    private static final Duration TICK = AlertCenter.TICK_INTERVAL;
    private static final Duration STALE_AFTER = AlertSettings.DEFAULTS.staleAfter();

    private final SettableClock clock = new SettableClock(START);
    private final AlertRecorder recorder = new AlertRecorder();
    private AlertCenter center;

    @BeforeEach
    void setUp() {
        center = new AlertCenter(AlertLimits.DEFAULTS, AlertSettings.DEFAULTS, clock, recorder);
    }

    private void sendNormal(String patient) {
        clock.advance(READING_INTERVAL);
        center.onReading(Readings.of(patient).at(clock.instant()).build());
    }

    /** Ticks as a running center would, every {@link #TICK}, for {@code duration}. */
    private void tickFor(Duration duration) {
        for (Duration passed = Duration.ZERO; passed.compareTo(duration) < 0; passed = passed.plus(TICK)) {
            clock.advance(TICK);
            center.tick();
        }
    }

    @Test
    @Scenario("L5-33")
    void aSilentPatientGetsOneTechnicalAlarmThatTheNextReadingClears() {
        for (int i = 0; i < 3; i++) {
            sendNormal("P001");
        }
        center.onReading(Readings.of("P002").at(clock.instant()).build());

        tickFor(STALE_AFTER);
        assertThat(recorder.of(Alert.DEVICE)).as("silent for exactly staleAfter: not yet stale").isEmpty();

        tickFor(STALE_AFTER.multipliedBy(10));
        assertThat(recorder.take(Alert.DEVICE)).as("one alarm per silent patient however long the silence")
                .extracting(Alert::patient, Alert::kind, Alert::priority, Alert::event, Alert::text, Alert::reading)
                .containsExactly(
                        tuple("P001", Kind.TECHNICAL, Priority.MEDIUM, Event.RAISED, "no reading for 6 s", null),
                        tuple("P002", Kind.TECHNICAL, Priority.MEDIUM, Event.RAISED, "no reading for 6 s", null));

        sendNormal("P001");
        assertThat(recorder.take(Alert.DEVICE)).as("the next reading ends P001's alarm, and only P001's")
                .extracting(Alert::patient, Alert::event, Alert::state, Alert::text)
                .containsExactly(tuple("P001", Event.CLEARED, State.CLEARED, "readings resumed"));
        assertThat(center.active()).extracting(Alert::patient, Alert::source).containsExactly(tuple("P002", Alert.DEVICE));
    }

    @Test
    void aDisconnectedDeviceRaisesATechnicalAlarmUntilTheNextReading() {
        sendNormal("P001");

        center.onDeviceDisconnected("P001");
        Alert alarm = recorder.take(Alert.DEVICE).get(0);
        assertThat(alarm).extracting(Alert::patient, Alert::kind, Alert::source, Alert::priority, Alert::text, Alert::reading)
                .containsExactly("P001", Kind.TECHNICAL, Alert.DEVICE, Priority.MEDIUM, "device disconnected", null);

        tickFor(STALE_AFTER.multipliedBy(2));
        center.onDeviceDisconnected("P001");
        assertThat(recorder.take(Alert.DEVICE)).as("one technical alarm at a time: no stale alarm, no second one").isEmpty();

        sendNormal("P001");
        assertThat(recorder.take(Alert.DEVICE)).extracting(Alert::id, Alert::event, Alert::text)
                .containsExactly(tuple(alarm.id(), Event.CLEARED, "readings resumed"));
    }

    @Test
    void aStaleAlarmAfterANewSilenceIsANewAlarm() {
        sendNormal("P001");
        tickFor(STALE_AFTER.plus(TICK));
        sendNormal("P001");
        tickFor(STALE_AFTER.plus(TICK));

        assertThat(recorder.take(Alert.DEVICE)).extracting(Alert::event)
                .containsExactly(Event.RAISED, Event.CLEARED, Event.RAISED);
    }
}
