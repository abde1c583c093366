package org.livevitals.rawsockets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The scripted patients of Lab 5, stepped one reading at a time: they must reach the values the
 * alerts are about, come back, and never send a line the server would refuse.
 */
class DeteriorationTest {

    /** Lab 5's critical SpO2 limit: the falling patient must go below it. */
    private static final int CRITICAL_SPO2 = 90;
    /** NEWS2 totals of medium and of high clinical risk (RCP 2017). */
    private static final int MEDIUM_RISK_NEWS2 = 5;
    private static final int HIGH_RISK_NEWS2 = 7;
    /** A NEWS2 total a recovered patient stays at or below. */
    private static final int RECOVERED_NEWS2 = 4;
    /** Readings in every script test: many cycles of each script. */
    private static final int READINGS = 10_000;

    private static List<VitalSigns> readings(Deterioration script, long seed, int count) {
        VitalsGenerator patient = new VitalsGenerator("P003", new Random(seed), Clock.systemUTC(), script);
        List<VitalSigns> series = new ArrayList<>();
        series.add(null); // series.get(n) is reading number n, as the script counts them
        for (int i = 0; i < count; i++) {
            series.add(patient.next());
        }
        return series;
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42})
    void fallingSpO2GoesBelowTheCriticalLimitHoldsAndRecovers(long seed) {
        Deterioration script = Deterioration.fallingSpO2();
        List<VitalSigns> series = readings(script, seed, 200);

        assertThat(series.get(10).spo2()).as("SpO2 at reading 10, still steady").isGreaterThanOrEqualTo(94);
        assertThat(script.phaseAt(55).name()).isEqualTo("low");
        for (int reading = 50; reading <= 70; reading++) {
            assertThat(series.get(reading).spo2()).as("SpO2 at reading %d (%s)", reading, script.phaseAt(reading).name())
                    .isLessThan(CRITICAL_SPO2);
        }
        assertThat(series.get(100).spo2()).as("SpO2 at reading 100, recovered").isGreaterThanOrEqualTo(94);
        assertThat(series.get(145).spo2()).as("SpO2 at reading 145: the script repeats").isLessThan(CRITICAL_SPO2);
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 42})
    void climbingNews2PassesMediumThenHighRiskHoldsAndRecovers(long seed) {
        Deterioration script = Deterioration.climbingNews2();
        List<VitalSigns> series = readings(script, seed, 200);

        int firstMedium = firstReadingScoring(series, MEDIUM_RISK_NEWS2);
        int firstHigh = firstReadingScoring(series, HIGH_RISK_NEWS2);
        assertThat(news2(series.get(10))).as("NEWS2 at reading 10, still steady").isLessThanOrEqualTo(RECOVERED_NEWS2);
        assertThat(firstMedium).as("first reading with NEWS2 >= %d", MEDIUM_RISK_NEWS2).isBetween(11, 60);
        assertThat(firstHigh).as("first reading with NEWS2 >= %d", HIGH_RISK_NEWS2).isGreaterThan(firstMedium);
        assertThat(script.phaseAt(60).name()).isEqualTo("critical");
        for (int reading = 60; reading <= 85; reading++) {
            VitalSigns v = series.get(reading);
            assertThat(news2(v)).as("NEWS2 at reading %d (%s): %s", reading, script.phaseAt(reading).name(), v)
                    .isGreaterThanOrEqualTo(HIGH_RISK_NEWS2);
        }
        VitalSigns worst = series.get(75);
        assertThat(worst.respiratoryRate()).as("resp rate in the critical phase").isGreaterThan(24);
        assertThat(worst.heartRate()).as("pulse in the critical phase").isGreaterThan(110);
        assertThat(worst.temperature()).as("temperature in the critical phase").isGreaterThan(39.0);
        assertThat(worst.systolic()).as("systolic in the critical phase").isLessThanOrEqualTo(100);
        assertThat(news2(series.get(118))).as("NEWS2 at reading 118, recovered").isLessThanOrEqualTo(RECOVERED_NEWS2);
    }

    @Test
    void everyScriptedReadingIsOneTheServerAccepts() {
        VitalsLineCodec codec = new VitalsLineCodec();
        for (Deterioration script : List.of(Deterioration.fallingSpO2(), Deterioration.climbingNews2())) {
            List<VitalSigns> series = readings(script, 7, READINGS);
            for (VitalSigns v : series.subList(1, series.size())) {
                assertThat(v.impossibility()).as("%s: %s", script, v).isEmpty();
                String line = codec.encode(v);
                assertThat(catchThrowable(() -> codec.decode(line, v.takenAt()))).as("the server's verdict on %s", line).isNull();
            }
        }
    }

    @Test
    void aScriptThatSqueezesBloodPressureStillGivesSystolicAboveDiastolic() {
        Deterioration shock = new Deterioration("shock", List.of(new Deterioration.Phase("shock", 1,
                java.util.Map.of(Vital.SYSTOLIC, 70.0, Vital.DIASTOLIC, 68.0))));

        List<VitalSigns> series = readings(shock, 7, READINGS);

        assertThat(series.subList(1, series.size())).allSatisfy(v -> assertThat(v.systolic() - v.diastolic())
                .as("pulse pressure of %s", v).isGreaterThanOrEqualTo(VitalsGenerator.MIN_PULSE_PRESSURE));
    }

    @Test
    void phasesAreCountedInReadingsAndRepeat() {
        Deterioration script = Deterioration.fallingSpO2();
        int cycle = script.phases().stream().mapToInt(Deterioration.Phase::readings).sum();

        assertThat(script.phaseAt(1).name()).isEqualTo("steady");
        assertThat(script.phaseAt(11).name()).isEqualTo("falling");
        assertThat(script.phaseAt(cycle).name()).isEqualTo("recovering");
        assertThat(script.phaseAt(cycle + 11).name()).isEqualTo("falling");
        assertThat(script.baseline(Vital.SPO2, 97, 40)).as("SpO2 baseline at the end of 'falling'").isEqualTo(85.0);
        assertThat(script.baseline(Vital.SPO2, 97, 25)).as("SpO2 baseline half way down").isEqualTo(91.0);
        assertThat(script.baseline(Vital.HEART_RATE, 70, 55)).as("a vital the script leaves alone").isEqualTo(70.0);
    }

    @Test
    void resetStartsEveryVitalAgainFromItsBaseline() {
        // every step pushes each vital up, as far as its band allows
        PushingRandom push = new PushingRandom();
        VitalsGenerator patient = new VitalsGenerator("P001", push, Clock.systemUTC());
        for (int i = 0; i < 200; i++) {
            patient.next();
        }
        push.gaussian = 0; // from now on the walk only pulls back toward the baseline

        patient.reset();
        VitalSigns afterReset = patient.next();

        // PushingRandom shifts this patient's baselines by -10 pulse and -12 systolic (its nextDouble is 0)
        int pulseBaseline = (int) VitalsGenerator.HEART_RATE.baseline() - 10;
        assertThat(afterReset.heartRate()).as("pulse after reset, baseline %d", pulseBaseline).isEqualTo(pulseBaseline);
        assertThat(afterReset.spo2()).as("SpO2 after reset").isEqualTo((int) VitalsGenerator.SPO2.baseline());
        assertThat(afterReset.respiratoryRate()).as("resp rate after reset").isEqualTo((int) VitalsGenerator.RESPIRATORY_RATE.baseline());
    }

    /** A random source whose Gaussian draws are all the same number, and whose uniform draws are all 0. */
    private static final class PushingRandom implements RandomGenerator {
        double gaussian = 3;

        @Override
        public long nextLong() {
            return 0;
        }

        @Override
        public double nextGaussian() {
            return gaussian;
        }
    }

    private static int firstReadingScoring(List<VitalSigns> series, int atLeast) {
        for (int reading = 1; reading < series.size(); reading++) {
            if (news2(series.get(reading)) >= atLeast) {
                return reading;
            }
        }
        return -1;
    }

    /** NEWS2 as the RCP 2017 chart scores it, room air and alert assumed (Lab 5 has the real one). */
    static int news2(VitalSigns v) {
        int resp = v.respiratoryRate() <= 8 ? 3 : v.respiratoryRate() <= 11 ? 1 : v.respiratoryRate() <= 20 ? 0
                : v.respiratoryRate() <= 24 ? 2 : 3;
        int spo2 = v.spo2() <= 91 ? 3 : v.spo2() <= 93 ? 2 : v.spo2() <= 95 ? 1 : 0;
        int systolic = v.systolic() <= 90 ? 3 : v.systolic() <= 100 ? 2 : v.systolic() <= 110 ? 1
                : v.systolic() <= 219 ? 0 : 3;
        int pulse = v.heartRate() <= 40 ? 3 : v.heartRate() <= 50 ? 1 : v.heartRate() <= 90 ? 0
                : v.heartRate() <= 110 ? 1 : v.heartRate() <= 130 ? 2 : 3;
        int temperature = v.temperature() <= 35.0 ? 3 : v.temperature() <= 36.0 ? 1 : v.temperature() <= 38.0 ? 0
                : v.temperature() <= 39.0 ? 1 : 2;
        return resp + spo2 + systolic + pulse + temperature;
    }
}
