package org.livevitals.loadtest;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.livevitals.broadcast.VitalsFeed;
import org.livevitals.rawsockets.VitalsGenerator;

/**
 * Publishes on a fixed schedule: {@code patients} patients at {@code rateHz} readings a second
 * each, spread evenly over each second (a ward's devices are not synchronized), for
 * {@code seconds}.
 *
 * <p>If the server falls behind, the publisher does not skip: it publishes late, and the latency
 * measured from each publication's due time shows it.
 */
final class Publisher {

    private final BroadcastTarget target;
    private final List<VitalsGenerator> patients;
    private final double rateHz;
    private final int seconds;

    Publisher(BroadcastTarget target, int patients, double rateHz, int seconds) {
        this.target = target;
        this.patients = VitalsFeed.simulatedPatients(patients, Clock.systemUTC());
        this.rateHz = rateHz;
        this.seconds = seconds;
    }

    /** Runs the whole schedule on the calling thread; returns how many readings were published. */
    long run() {
        long total = Math.round(patients.size() * rateHz * seconds);
        double intervalNanos = TimeUnit.SECONDS.toNanos(1) / (patients.size() * rateHz);
        long startNanos = System.nanoTime();
        long startMicros = Micros.now();
        for (long pub = 0; pub < total; pub++) {
            long dueOffsetNanos = Math.round(pub * intervalNanos);
            long waitNanos = startNanos + dueOffsetNanos - System.nanoTime();
            if (waitNanos > 0) {
                LockSupport.parkNanos(waitNanos);
            }
            VitalsGenerator patient = patients.get((int) (pub % patients.size()));
            target.publish(pub, startMicros + dueOffsetNanos / 1_000, patient.next());
        }
        return total;
    }
}
