package org.livevitals.broadcast;

import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.livevitals.rawsockets.ArgumentChecks;
import org.livevitals.rawsockets.Plural;
import org.livevitals.rawsockets.ReadingListener;
import org.livevitals.rawsockets.VitalsGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Simulated patients on a timer: every interval, each patient's next reading (Lab 1's random walk)
 * goes to the listener, as if a bedside device had sent it.
 */
public final class VitalsFeed implements AutoCloseable {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(VitalsFeed.class);

    private final List<VitalsGenerator> patients;
    private final Duration interval;
    private final ReadingListener listener;
    /** Patients whose last reading failed, so a lasting failure is logged once; at most one entry per patient. */
    private final Set<String> failing = new HashSet<>();
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "vitals-feed"));

    public VitalsFeed(List<VitalsGenerator> patients, Duration interval, ReadingListener listener) {
        this.patients = List.copyOf(patients);
        this.interval = ArgumentChecks.atLeastOneMilli(interval, "the feed interval");
        this.listener = listener;
    }

    /** Patients P001, P002, ... with their own random walks. */
    public static List<VitalsGenerator> simulatedPatients(int count, Clock clock) {
        Random random = new Random();
        return IntStream.rangeClosed(1, count)
                .mapToObj(n -> new VitalsGenerator(String.format("P%03d", n), random, clock))
                .toList();
    }

    public VitalsFeed start() {
        if (!patients.isEmpty()) {
            timer.scheduleAtFixedRate(this::publishAll, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
            log.info("simulating {}, one reading each every {} ms", Plural.of(patients.size(), "patient"), interval.toMillis());
        }
        return this;
    }

    /**
     * One tick: every patient, each on its own. A failure with one patient must neither skip the
     * others nor cancel the schedule (an exception escaping a scheduled task ends it for good),
     * and a patient that keeps failing is logged once, not every tick.
     */
    private void publishAll() {
        for (VitalsGenerator patient : patients) {
            try {
                listener.onReading(patient.next());
                if (failing.remove(patient.patientId())) {
                    log.info("simulated patient {} is publishing again", patient.patientId());
                }
            } catch (RuntimeException e) {
                if (failing.add(patient.patientId())) {
                    log.error("publishing simulated patient {} failed; the other patients go on", patient.patientId(), e);
                }
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        timer.shutdownNow();
        timer.awaitTermination(5, TimeUnit.SECONDS);
    }
}
