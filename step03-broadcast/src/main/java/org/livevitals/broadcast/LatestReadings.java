package org.livevitals.broadcast;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.livevitals.rawsockets.VitalSigns;

/**
 * The newest reading of each patient: the state behind {@code GET /api/patients} and the snapshot
 * a dashboard gets the moment it connects (REST and the snapshot for state, the stream for change).
 *
 * <p><b>Newest measurement wins.</b> Readings can arrive out of order (a device resending after a
 * reconnect, the snapshot and the stream crossing), so the reading kept is the one <em>measured</em>
 * last, not the one that arrived last; on a tie the later arrival wins. The dashboard applies the
 * same rule, so an open page, a freshly opened one and the API always agree.
 *
 * <p><b>Bounded.</b> Every patient id ever seen would otherwise stay for good, and a stream of
 * one-off ids would make every snapshot megabytes. So a patient whose newest reading arrived more
 * than {@code forgetAfter} ago is forgotten, and at most {@code maxPatients} are kept: a new
 * patient beyond that replaces the one silent the longest, because a new patient must always be
 * shown.
 */
public final class LatestReadings {

    /** A hospital's worth of beds; a snapshot of this many is about 160 KB. */
    public static final int DEFAULT_MAX_PATIENTS = 500;
    /** Long enough for a nurse to see a stale tile and act; a discharged patient's tile then goes. */
    public static final Duration DEFAULT_FORGET_AFTER = Duration.ofHours(1);

    /** A patient's newest reading and when it arrived. */
    private record Latest(VitalSigns reading, Instant arrivedAt) {}

    private final Map<String, Latest> byPatient = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int maxPatients;
    private final Duration forgetAfter;

    public LatestReadings(Clock clock) {
        this(clock, DEFAULT_MAX_PATIENTS, DEFAULT_FORGET_AFTER);
    }

    public LatestReadings(Clock clock, int maxPatients, Duration forgetAfter) {
        if (maxPatients < 1) {
            throw new IllegalArgumentException("keep at least one patient, not " + maxPatients);
        }
        this.clock = clock;
        this.maxPatients = maxPatients;
        this.forgetAfter = forgetAfter;
    }

    /** Keeps {@code reading} unless this patient already has a reading measured later. */
    public void update(VitalSigns reading) {
        Latest arrived = new Latest(reading, clock.instant());
        Latest kept = byPatient.merge(reading.patientId(), arrived,
                (old, now) -> now.reading().takenAt().isBefore(old.reading().takenAt()) ? old : now);
        while (kept == arrived && byPatient.size() > maxPatients) { // a loop: another thread may add one too
            forgetLongestSilentOtherThan(reading.patientId());
        }
    }

    /** The newest reading of every patient heard from within {@code forgetAfter}. */
    public Collection<VitalSigns> all() {
        Instant forgetBefore = clock.instant().minus(forgetAfter);
        byPatient.values().removeIf(latest -> latest.arrivedAt().isBefore(forgetBefore));
        return byPatient.values().stream().map(Latest::reading).toList();
    }

    private void forgetLongestSilentOtherThan(String patientId) {
        byPatient.entrySet().stream()
                .filter(entry -> !entry.getKey().equals(patientId))
                .min(Comparator.comparing(entry -> entry.getValue().arrivedAt()))
                .ifPresent(entry -> byPatient.remove(entry.getKey(), entry.getValue()));
    }
}
