package org.livevitals.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.livevitals.rawsockets.VitalSigns;
import org.livevitals.testkit.SettableClock;

/** The latest reading per patient: the newest measurement wins, and the map stays bounded. */
class LatestReadingsTest {

    private static final Instant T0 = Instant.parse("2026-11-22T10:15:30Z");

    private final SettableClock clock = new SettableClock(T0);

    private static VitalSigns reading(String patient, Instant takenAt, int pulse) {
        return new VitalSigns(patient, takenAt, pulse, 97, 37.5, 120, 80, 16);
    }

    private static String pulses(LatestReadings latest) {
        return latest.all().stream().sorted(java.util.Comparator.comparing(VitalSigns::patientId))
                .map(r -> r.patientId() + " " + r.heartRate()).toList().toString();
    }

    @Test
    void anOlderMeasurementArrivingLaterDoesNotReplaceTheNewerOne() {
        LatestReadings latest = new LatestReadings(clock);
        latest.update(reading("P001", T0, 80));
        latest.update(reading("P001", T0.minusSeconds(5), 70)); // resent late by its device

        assertThat(pulses(latest)).isEqualTo("[P001 80]");
    }

    @Test
    void onATieTheLaterArrivalWins() {
        LatestReadings latest = new LatestReadings(clock);
        latest.update(reading("P001", T0, 80));
        latest.update(reading("P001", T0, 81));

        assertThat(pulses(latest)).isEqualTo("[P001 81]");
    }

    @Test
    void aPatientSilentForLongerThanTheForgetTimeIsForgotten() {
        LatestReadings latest = new LatestReadings(clock, 10, Duration.ofHours(1));
        latest.update(reading("P001", T0, 80));
        clock.advance(Duration.ofMinutes(30));
        latest.update(reading("P002", clock.instant(), 90));

        clock.advance(Duration.ofMinutes(31));

        assertThat(pulses(latest)).as("P001 silent for 61 min, P002 for 31").isEqualTo("[P002 90]");
    }

    @Test
    void beyondTheCapANewPatientReplacesTheOneSilentTheLongest() {
        LatestReadings latest = new LatestReadings(clock, 3, Duration.ofHours(1));
        for (String patient : new String[] {"P001", "P002", "P003"}) {
            latest.update(reading(patient, clock.instant(), 80));
            clock.advance(Duration.ofSeconds(1));
        }
        latest.update(reading("P001", clock.instant(), 81)); // P001 speaks again: P002 is now the most silent

        latest.update(reading("P004", clock.instant(), 84));

        assertThat(pulses(latest)).isEqualTo("[P001 81, P003 80, P004 84]");
    }

    @Test
    void thousandsOfOneOffPatientIdsNeverKeepMoreThanTheCap() {
        LatestReadings latest = new LatestReadings(clock, 50, Duration.ofHours(1));
        for (int i = 0; i < 5_000; i++) {
            latest.update(reading("ONE-OFF-" + i, clock.instant(), 80));
            clock.advance(Duration.ofMillis(1));
        }

        assertThat(latest.all()).hasSize(50);
    }
}
