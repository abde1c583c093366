package org.livevitals.loadtest;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.livevitals.broadcast.VitalsFeed;
import org.livevitals.rawsockets.VitalSigns;
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
    /** Which share of the patients this publisher publishes, of {@link #nodes}: see {@link #publishesHere}. */
    private final int node;
    private final int nodes;
    /** Each patient's last reading time (epoch ms): the next is made later, see {@link #distinct}. */
    private final long[] lastTakenMillis;
    private long nudged;

    Publisher(BroadcastTarget target, int patients, double rateHz, int seconds) {
        this(target, patients, rateHz, seconds, 0, 1);
    }

    /**
     * A publisher for one node of a cluster: the whole schedule (the same numbers and due times as on
     * every node), of which it publishes only the readings of its own patients.
     *
     * @param node  this node's place, from 0
     * @param nodes how many nodes share the patients; 1 for a server alone
     */
    Publisher(BroadcastTarget target, int patients, double rateHz, int seconds, int node, int nodes) {
        if (nodes < 1 || node < 0 || node >= nodes) {
            throw new IllegalArgumentException("node " + node + " of " + nodes);
        }
        this.target = target;
        this.patients = VitalsFeed.simulatedPatients(patients, Clock.systemUTC());
        this.rateHz = rateHz;
        this.seconds = seconds;
        this.node = node;
        this.nodes = nodes;
        this.lastTakenMillis = new long[patients];
    }

    /**
     * Whether the patient at {@code index} (from 0) of {@code patients} is published through {@code node} of
     * {@code nodes}: the patients in as equal runs as they divide (with 50 patients and two nodes, P001 to P025
     * through the first, P026 to P050 through the second), so every node publishes to both of Lab 5's wards
     * (odd numbers on the ICU, even ones on cardiology) and the backplane carries every ward both ways.
     */
    static boolean publishesHere(int index, int patients, int node, int nodes) {
        return (int) ((long) index * nodes / patients) == node;
    }

    /**
     * Runs the whole schedule on the calling thread; returns how many readings the whole schedule has
     * (on a node of a cluster, those of every node: the number each dashboard is to receive).
     */
    long run() {
        return run(0);
    }

    /**
     * As {@link #run()}, the schedule starting at {@code startMicros} (epoch microseconds; 0 for now): the
     * nodes of a cluster are given the same start, so a publication is due at the same time on each.
     */
    long run(long startMicros) {
        long total = Math.round(patients.size() * rateHz * seconds);
        double intervalNanos = TimeUnit.SECONDS.toNanos(1) / (patients.size() * rateHz);
        long nowMicros = Micros.now();
        long startNanos = System.nanoTime();
        if (startMicros > 0) {
            startNanos += (startMicros - nowMicros) * 1_000;
        } else {
            startMicros = nowMicros;
        }
        for (long pub = 0; pub < total; pub++) {
            int index = (int) (pub % patients.size());
            if (!publishesHere(index, patients.size(), node, nodes)) {
                continue; // another node publishes this one, on the same schedule
            }
            long dueOffsetNanos = Math.round(pub * intervalNanos);
            long waitNanos = startNanos + dueOffsetNanos - System.nanoTime();
            if (waitNanos > 0) {
                LockSupport.parkNanos(waitNanos);
            }
            VitalsGenerator patient = patients.get(index);
            target.publish(pub, startMicros + dueOffsetNanos / 1_000, distinct(index, patient.next()));
        }
        return total;
    }

    /**
     * The reading, its time made later than the patient's last one if the clock has not moved on since
     * (the generator takes its time in whole milliseconds): a publisher catching up on a late schedule
     * publishes each patient's readings a few microseconds apart. Lab 6's record keeps one reading per
     * patient and instant (the key of its table), so two readings of one millisecond would be one row;
     * each moved reading is counted ({@link #nudged()}), and is at most a few milliseconds out.
     */
    private VitalSigns distinct(int index, VitalSigns reading) {
        long taken = reading.takenAt().toEpochMilli();
        if (taken > lastTakenMillis[index]) {
            lastTakenMillis[index] = taken;
            return reading;
        }
        nudged++;
        long later = ++lastTakenMillis[index];
        return new VitalSigns(reading.patientId(), java.time.Instant.ofEpochMilli(later), reading.heartRate(),
                reading.spo2(), reading.temperature(), reading.systolic(), reading.diastolic(), reading.respiratoryRate());
    }

    /** Readings whose time was moved a millisecond or more later, to be distinct from their patient's last one. */
    long nudged() {
        return nudged;
    }
}
