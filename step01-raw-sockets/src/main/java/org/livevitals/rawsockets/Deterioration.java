package org.livevitals.rawsockets;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A scripted illness for a simulated patient: named phases that move the baselines of its vitals
 * and then bring them back, over and over.
 *
 * <p>Lab 5 raises alerts on falling oxygen and on a climbing NEWS2 score. A random walk around a
 * healthy baseline never gets there, and a test cannot wait for luck, so a simulated patient can
 * follow a script instead. The script only moves where each vital's walk is pulled to; the walk
 * still adds its noise and still lags behind, so the chart looks like a patient getting worse,
 * not a staircase. It is counted in readings, not seconds ({@link VitalsGenerator#next()} is one
 * tick), so a test steps it as fast as it likes and a demo runs it at the device's pace.
 *
 * <p>Within a phase each named vital's baseline moves in a straight line from where the previous
 * phase left it to the phase's target; a vital a phase does not name goes back to the patient's
 * own baseline. After the last phase the script starts again.
 */
public final class Deterioration {

    /**
     * One stretch of a script.
     *
     * @param name     what is happening, for a log line or a lab ("falling", "recovering")
     * @param readings how many readings the phase lasts, at least 1
     * @param targets  where each vital's baseline is at the end of the phase; a vital not named
     *                 is at the patient's own baseline
     */
    public record Phase(String name, int readings, Map<Vital, Double> targets) {

        public Phase {
            Objects.requireNonNull(name, "name");
            if (readings < 1) {
                throw new IllegalArgumentException("a phase lasts at least 1 reading, not " + readings);
            }
            targets = Map.copyOf(targets);
            targets.forEach((vital, target) -> vital.impossibility(target).ifPresent(reason -> {
                throw new IllegalArgumentException("phase '" + name + "': " + reason);
            }));
        }
    }

    private final String name;
    private final List<Phase> phases;
    private final int cycleReadings;

    public Deterioration(String name, List<Phase> phases) {
        this.name = Objects.requireNonNull(name, "name");
        this.phases = List.copyOf(phases);
        if (this.phases.isEmpty()) {
            throw new IllegalArgumentException("a script needs at least one phase");
        }
        this.cycleReadings = this.phases.stream().mapToInt(Phase::readings).sum();
    }

    /**
     * Hypoxaemia: SpO2 drifts from the usual 97 % down to 85 % over 30 readings, stays there for
     * 30 (well under Lab 5's critical limit of 90 %), and recovers over 20.
     */
    public static Deterioration fallingSpO2() {
        Map<Vital, Double> hypoxic = Map.of(Vital.SPO2, 85.0);
        return new Deterioration("falling SpO2", List.of(
                new Phase("steady", 10, Map.of()),
                new Phase("falling", 30, hypoxic),
                new Phase("low", 30, hypoxic),
                new Phase("recovering", 20, Map.of())));
    }

    /**
     * A patient turning septic: breathing, pulse and temperature climb and blood pressure falls,
     * so the NEWS2 total climbs past 5 (medium risk: every target of "worsening" sits in a band
     * worth 1 or 2 points) and then past 7 (high risk: "deteriorating" ends at about 10), holds,
     * and recovers. The targets sit in the middle of the RCP 2017 bands, so the walk's noise
     * rarely moves a value across a band edge.
     */
    public static Deterioration climbingNews2() {
        Map<Vital, Double> unwell = Map.of(
                Vital.RESPIRATORY_RATE, 23.0, // 21-24: 2 points
                Vital.HEART_RATE, 102.0,      // 91-110: 1
                Vital.TEMPERATURE, 38.5,      // 38.1-39.0: 1
                Vital.SYSTOLIC, 105.0,        // 101-110: 1
                Vital.DIASTOLIC, 70.0);       // NEWS2 about 5
        Map<Vital, Double> critical = Map.of(
                Vital.RESPIRATORY_RATE, 28.0, // 25 and over: 3
                Vital.HEART_RATE, 122.0,      // 111-130: 2
                Vital.TEMPERATURE, 39.5,      // over 39.0: 2
                Vital.SYSTOLIC, 95.0,         // 91-100: 2
                Vital.DIASTOLIC, 60.0,
                Vital.SPO2, 94.0);            // 94-95: 1; NEWS2 about 10
        return new Deterioration("climbing NEWS2", List.of(
                new Phase("steady", 10, Map.of()),
                new Phase("worsening", 25, unwell),
                new Phase("deteriorating", 20, critical),
                new Phase("critical", 30, critical),
                new Phase("recovering", 25, Map.of())));
    }

    public String name() {
        return name;
    }

    public List<Phase> phases() {
        return phases;
    }

    /** The phase reading number {@code tick} falls in (1 is the first reading); the script repeats. */
    public Phase phaseAt(long tick) {
        long at = positionOf(tick);
        for (Phase phase : phases) {
            if (at < phase.readings()) {
                return phase;
            }
            at -= phase.readings();
        }
        throw new IllegalStateException("unreachable: the position is within one cycle");
    }

    /** Where {@code vital}'s baseline is at reading number {@code tick}, for a patient whose own baseline is {@code own}. */
    public double baseline(Vital vital, double own, long tick) {
        long at = positionOf(tick);
        Phase previous = phases.get(phases.size() - 1); // the first phase starts where the last one ended
        for (Phase phase : phases) {
            if (at < phase.readings()) {
                double from = previous.targets().getOrDefault(vital, own);
                double to = phase.targets().getOrDefault(vital, own);
                double progress = (at + 1) / (double) phase.readings();
                return from + (to - from) * progress;
            }
            at -= phase.readings();
            previous = phase;
        }
        throw new IllegalStateException("unreachable: the position is within one cycle");
    }

    private long positionOf(long tick) {
        if (tick < 1) {
            throw new IllegalArgumentException("readings are counted from 1, not " + tick);
        }
        return (tick - 1) % cycleReadings;
    }

    @Override
    public String toString() {
        return name;
    }
}
