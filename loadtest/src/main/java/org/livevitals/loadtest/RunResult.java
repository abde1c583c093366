package org.livevitals.loadtest;

import java.util.List;
import org.HdrHistogram.Histogram;

/**
 * One measured run: what was expected, what arrived, how late, and what it cost.
 *
 * @param deliveriesPerSecondExpected connections × publications per second
 * @param serverCpuPercent  server CPU over the publishing window, in % of one core
 * @param generatorCpuPercent the generator's own CPU in the same window: a busy generator understates the server
 * @param notes             what the table has no column for: Lab 6's cluster gives its CPU part by part and
 *                          the backplane's lag
 */
record RunResult(String scenario, String mode, int connections, long published, long expected, long received,
        long lost, long duplicates, double deliveriesPerSecondExpected, double deliveriesPerSecondAchieved,
        Percentiles fromSent, Percentiles fromDue, double serverCpuPercent, double serverCpuMicrosPerDelivery,
        double generatorCpuPercent, long heapBytesPerConnection, long rssBytesPerConnection, List<String> notes) {

    RunResult {
        notes = List.copyOf(notes);
    }

    /** Latency percentiles in milliseconds. */
    record Percentiles(double p50, double p99, double p999, double max) {

        static Percentiles of(Histogram micros) {
            return new Percentiles(ms(micros.getValueAtPercentile(50)), ms(micros.getValueAtPercentile(99)),
                    ms(micros.getValueAtPercentile(99.9)), ms(micros.getMaxValue()));
        }

        private static double ms(long micros) {
            return micros / 1000.0;
        }
    }

    boolean lossless() {
        return lost == 0 && duplicates == 0 && received == expected;
    }
}
