package org.livevitals.security.alerts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.livevitals.security.alerts.Alert.Event;
import org.livevitals.security.alerts.Alert.State;
import org.livevitals.testkit.Scenario;
import org.livevitals.testkit.SettableClock;

/** The alert center's rules for readings: limits, NEWS2, the hold, the listener and the bounds. */
class AlertCenterTest {

    private static final Instant START = Instant.parse("2026-11-30T10:00:00Z");
    private static final Duration READING_INTERVAL = Duration.ofSeconds(2);
    /** How long a test waits for the center's own tick thread. */
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private final SettableClock clock = new SettableClock(START);
    private final AlertRecorder recorder = new AlertRecorder();
    private AlertCenter center;

    @BeforeEach
    void setUp() {
        center = new AlertCenter(AlertLimits.DEFAULTS, AlertSettings.DEFAULTS, clock, recorder);
    }

    @AfterEach
    void tearDown() {
        center.close();
    }

    /** One reading every two seconds, as the simulated devices send them. */
    private void send(Readings reading) {
        clock.advance(READING_INTERVAL);
        center.onReading(reading.at(clock.instant()).build());
    }

    private void sendSpo2(String patient, int... values) {
        for (int value : values) {
            send(Readings.of(patient).spo2(value));
        }
    }

    // The hold ---------------------------------------------------------------------------------------

    @Test
    @Scenario("L5-32")
    void spo2FlappingAroundTheCriticalLimitRaisesOneAlertThatStays() {
        for (int i = 0; i < 20; i++) {
            sendSpo2("P001", i % 2 == 0 ? 89 : 91);
        }

        List<Alert> spo2 = recorder.take("SpO2");
        assertThat(spo2).as("SpO2 89, 91, 89, 91, ... (20 readings) should raise one alert and change it no more")
                .extracting(Alert::event, Alert::priority)
                .containsExactly(tuple(Event.RAISED, Priority.HIGH));
        assertThat(center.active()).filteredOn(alert -> alert.source().equals("SpO2"))
                .extracting(Alert::id, Alert::announcements).containsExactly(tuple(spo2.get(0).id(), 1));

        sendSpo2("P001", 97, 97, 97);
        assertThat(recorder.take("SpO2")).as("once the flapping stops, it steps down as the last 89 and 91 age out")
                .extracting(Alert::event, Alert::id)
                .containsExactly(tuple(Event.EASED, spo2.get(0).id()), tuple(Event.CLEARED, spo2.get(0).id()));
    }

    @Test
    void warningThenCriticalEscalatesAtOnceAndStepsDownOnlyAfterTheHold() {
        sendSpo2("P001", 92);
        Alert raised = recorder.take("SpO2").get(0);
        assertThat(raised).extracting(Alert::event, Alert::priority, Alert::text)
                .containsExactly(Event.RAISED, Priority.MEDIUM, "SpO2 92 % is below the warning limit 94 %");

        sendSpo2("P001", 88);
        assertThat(recorder.take("SpO2")).as("the critical reading escalates the same alert at once")
                .extracting(Alert::id, Alert::event, Alert::priority, Alert::text)
                .containsExactly(tuple(raised.id(), Event.ESCALATED, Priority.HIGH, "SpO2 88 % is below the critical limit 90 %"));

        sendSpo2("P001", 92, 92);
        assertThat(recorder.take("SpO2")).as("two warning readings are not enough to ease it").isEmpty();
        sendSpo2("P001", 93);
        assertThat(recorder.take("SpO2")).as("the third eases it, showing the latest value that keeps it there")
                .extracting(Alert::id, Alert::event, Alert::priority, Alert::text)
                .containsExactly(tuple(raised.id(), Event.EASED, Priority.MEDIUM, "SpO2 93 % is below the warning limit 94 %"));

        sendSpo2("P001", 97, 97);
        assertThat(recorder.take("SpO2")).as("two good readings are not enough to clear it").isEmpty();
        sendSpo2("P001", 98);
        Alert cleared = recorder.take("SpO2").get(0);
        assertThat(cleared).extracting(Alert::id, Alert::event, Alert::state, Alert::text)
                .containsExactly(raised.id(), Event.CLEARED, State.CLEARED, "SpO2 98 % is within its limits");
        assertThat(cleared.clearedAt()).isEqualTo(clock.instant());
        assertThat(center.active()).filteredOn(alert -> alert.source().equals("SpO2")).isEmpty();
    }

    @Test
    void theSameConditionAfterAClearIsANewAlert() {
        sendSpo2("P001", 88, 97, 97, 97, 88);

        List<Alert> changes = recorder.take("SpO2");
        assertThat(changes).extracting(Alert::event).containsExactly(Event.RAISED, Event.CLEARED, Event.RAISED);
        assertThat(changes.get(2).id()).isNotEqualTo(changes.get(0).id());
    }

    @Test
    void everyLimitTextHasTheValueTheUnitAndTheLimit() {
        send(Readings.of("P001").pulse(135));
        send(Readings.of("P002").temperature(38.6));
        send(Readings.of("P003").resp(9));
        send(Readings.of("P004").systolic(230));

        assertThat(recorder.all()).filteredOn(alert -> !alert.source().equals(Alert.NEWS2))
                .extracting(Alert::patient, Alert::source, Alert::priority, Alert::text)
                .containsExactly(
                        tuple("P001", "Pulse", Priority.HIGH, "Pulse 135 beats/min is above the critical limit 130 beats/min"),
                        tuple("P002", "Temperature", Priority.MEDIUM, "Temperature 38.6 °C is above the warning limit 38.5 °C"),
                        tuple("P003", "Resp", Priority.MEDIUM, "Resp 9 breaths/min is below the warning limit 10 breaths/min"),
                        tuple("P004", "Systolic", Priority.HIGH, "Systolic 230 mmHg is above the critical limit 220 mmHg"));
    }

    @Test
    void aReadingMeasuredBeforeTheNewestChangesNoAlert() {
        clock.advance(READING_INTERVAL);
        Instant now = clock.instant();
        center.onReading(Readings.of("P001").spo2(88).at(now).build());
        recorder.clear();

        for (int i = 1; i <= 3; i++) { // a device resending its backlog after a reconnect
            center.onReading(Readings.of("P001").spo2(97).at(now.minusSeconds(i)).build());
        }

        assertThat(recorder.all()).as("readings older than SpO2 88 must not clear its alert").isEmpty();
    }

    // NEWS2 ------------------------------------------------------------------------------------------

    @Test
    void news2AlertsHaveTheRiskPriority() {
        send(Readings.of("P007").resp(21).spo2(93).pulse(111).temperature(38.5)); // 2 + 2 + 2 + 1
        send(Readings.of("P005").resp(21).spo2(94).pulse(111));                   // 2 + 1 + 2
        send(Readings.of("P003").spo2(91).pulse(91));                             // 3 + 1
        send(Readings.of("P004").resp(21).spo2(94).pulse(91));                    // 2 + 1 + 1: low risk, no alert

        assertThat(recorder.of(Alert.NEWS2))
                .extracting(Alert::patient, Alert::priority, Alert::text, alert -> alert.news2().total())
                .containsExactly(
                        tuple("P007", Priority.HIGH, "NEWS2 7: high clinical risk", 7),
                        tuple("P005", Priority.MEDIUM, "NEWS2 5: medium clinical risk", 5),
                        tuple("P003", Priority.LOW, "a single parameter scored 3 (SpO2 3): NEWS2 4", 4));
        assertThat(recorder.of(Alert.NEWS2)).allSatisfy(alert -> assertThat(alert.kind()).isEqualTo(Alert.Kind.CLINICAL));
        assertThat(recorder.of("SpO2")).allSatisfy(alert -> assertThat(alert.news2()).isNull());
    }

    // The listener and the lock-free views -----------------------------------------------------------

    @Test
    void theListenerIsToldEveryChangeInOrderAfterTheViewsShowIt() {
        List<String> seen = new ArrayList<>();
        AtomicReference<AlertCenter> self = new AtomicReference<>();
        AlertCenter watched = new AlertCenter(AlertLimits.DEFAULTS, AlertSettings.DEFAULTS, clock, alert -> seen.add(
                alert.id() + " " + alert.event().wireName() + " active=" + self.get().activeAlert(alert.id()).isPresent()
                        + " newest=" + self.get().recent(1).get(0).equals(alert)));
        self.set(watched);

        for (int spo2 : new int[] {92, 88, 97, 97, 97}) {
            clock.advance(READING_INTERVAL);
            watched.onReading(Readings.of("P001").spo2(spo2).pulse(70).at(clock.instant()).build());
        }

        assertThat(seen).containsExactly(
                "A1 raised active=true newest=true",
                "A1 escalated active=true newest=true",
                "A2 raised active=true newest=true",   // NEWS2: SpO2 88 scores 3
                "A1 cleared active=false newest=true",
                "A2 cleared active=false newest=true");
        assertThat(watched.recent(10)).extracting(alert -> alert.id() + " " + alert.event().wireName())
                .containsExactly("A2 cleared", "A1 cleared", "A2 raised", "A1 escalated", "A1 raised");
    }

    @Test
    void aListenerThatThrowsIsLoggedAndTheCenterGoesOn() {
        List<Alert> told = new ArrayList<>();
        AlertCenter fragile = new AlertCenter(AlertLimits.DEFAULTS, AlertSettings.DEFAULTS, clock, alert -> {
            told.add(alert);
            throw new IllegalStateException("the stream is broken");
        });

        fragile.onReading(Readings.of("P001").spo2(88).build());
        fragile.onReading(Readings.of("P002").pulse(135).build());

        assertThat(told).extracting(Alert::patient, Alert::source).containsExactly(
                tuple("P001", "SpO2"), tuple("P001", Alert.NEWS2), tuple("P002", "Pulse"), tuple("P002", Alert.NEWS2));
        assertThat(fragile.active()).hasSize(4);
    }

    @Test
    void activeIsMostUrgentFirstThenOldestFirst() {
        send(Readings.of("P001").spo2(92));          // medium
        send(Readings.of("P002").spo2(88));          // high, plus NEWS2 low
        send(Readings.of("P003").spo2(85));          // high, plus NEWS2 low

        assertThat(center.active()).extracting(Alert::patient, Alert::source, Alert::priority).containsExactly(
                tuple("P002", "SpO2", Priority.HIGH),
                tuple("P003", "SpO2", Priority.HIGH),
                tuple("P001", "SpO2", Priority.MEDIUM),
                tuple("P002", Alert.NEWS2, Priority.LOW),
                tuple("P003", Alert.NEWS2, Priority.LOW));
    }

    // Bounds -----------------------------------------------------------------------------------------

    @Test
    void beyondMaxPatientsTheLongestSilentIsForgottenAndItsAlertsCleared() {
        for (int i = 0; i <= AlertCenter.MAX_PATIENTS; i++) {
            send(Readings.of("P" + i).pulse(135));
        }

        assertThat(recorder.of("Pulse")).filteredOn(alert -> alert.patient().equals("P0"))
                .extracting(Alert::event, Alert::text)
                .containsExactly(tuple(Event.RAISED, "Pulse 135 beats/min is above the critical limit 130 beats/min"),
                        tuple(Event.CLEARED, "no longer monitored"));
        assertThat(center.active()).filteredOn(alert -> alert.source().equals("Pulse"))
                .hasSize(AlertCenter.MAX_PATIENTS)
                .noneMatch(alert -> alert.patient().equals("P0"));
    }

    @Test
    void aPatientSilentForAnHourIsForgotten() {
        send(Readings.of("P001").spo2(88));
        recorder.clear();

        clock.advance(AlertSettings.DEFAULTS.staleAfter().plusSeconds(1));
        center.tick();
        clock.advance(AlertCenter.FORGET_AFTER);
        center.tick();

        assertThat(recorder.all()).extracting(Alert::source, Alert::event, Alert::text).containsExactlyInAnyOrder(
                tuple(Alert.DEVICE, Event.RAISED, "no reading for 6 s"),
                tuple("SpO2", Event.CLEARED, "no longer monitored"),
                tuple(Alert.NEWS2, Event.CLEARED, "no longer monitored"),
                tuple(Alert.DEVICE, Event.CLEARED, "no longer monitored"));
        assertThat(center.active()).isEmpty();
    }

    @Test
    void theHistoryKeepsTheLastChangesOnly() {
        for (int i = 0; i < AlertCenter.HISTORY_CAPACITY; i++) {
            sendSpo2("P001", 88, 97, 97, 97); // 4 changes: SpO2 and NEWS2 raised, both cleared
        }

        List<Alert> recent = center.recent(Integer.MAX_VALUE);
        assertThat(recent).hasSize(AlertCenter.HISTORY_CAPACITY);
        assertThat(recent.get(0)).isEqualTo(recorder.all().get(recorder.all().size() - 1));
        assertThat(center.recent(3)).hasSize(3);
    }

    // The tick thread --------------------------------------------------------------------------------

    @Test
    void startTicksOnItsOwnUntilClose() {
        center.onReading(Readings.normal("P001"));
        center.start();

        clock.advance(AlertSettings.DEFAULTS.staleAfter().plusSeconds(1));

        await("the tick thread to notice the silence").atMost(PATIENCE)
                .until(() -> !recorder.of(Alert.DEVICE).isEmpty());
    }
}
