package org.livevitals.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the bench server and the generator exchange on the control port reads back as it was written. */
class ControlPortJsonTest {

    @Test
    void processCostsMakeTheRoundTrip() {
        ProcessCosts costs = new ProcessCosts(10_000, 84_000_000_123L, -1, 2_830_336L);

        String json = BenchServer.JSON.writeValueAsString(costs);

        assertThat(json).isEqualTo(
                "{\"connections\":10000,\"heapBytes\":84000000123,\"rssBytes\":-1,\"handedBackBytes\":2830336}");
        assertThat(BenchServer.JSON.readValue(json, ProcessCosts.class)).isEqualTo(costs);
    }

    @Test
    void aMeasurementOfThisProcessMakesTheRoundTrip() {
        ProcessCosts measured = ProcessCosts.measure(3);

        ProcessCosts read = BenchServer.JSON.readValue(BenchServer.JSON.writeValueAsString(measured), ProcessCosts.class);

        assertThat(read).isEqualTo(measured);
        assertThat(read.heapBytes()).isPositive();
    }

    @Test
    void theScheduleKeepsAFractionalRate() {
        BenchServer.Schedule schedule = new BenchServer.Schedule(50, 0.5, 20);

        byte[] json = BenchServer.JSON.writeValueAsBytes(schedule);

        assertThat(BenchServer.JSON.readValue(json, BenchServer.Schedule.class)).isEqualTo(schedule);
    }

    @Test
    void aClusterNodesShareOfTheScheduleMakesTheRoundTrip() {
        BenchServer.Schedule schedule = new BenchServer.Schedule(50, 1, 23, 1, 2, 1_764_556_800_123_456L);

        byte[] json = BenchServer.JSON.writeValueAsBytes(schedule);

        assertThat(BenchServer.JSON.readValue(json, BenchServer.Schedule.class)).isEqualTo(schedule);
    }

    @Test
    void aScheduleForAServerAloneIsTheWholeOneFromNow() {
        BenchServer.Schedule schedule = new BenchServer.Schedule(50, 1, 23);

        assertThat(schedule.node()).isZero();
        assertThat(schedule.nodes()).isEqualTo(1);
        assertThat(schedule.startMicros()).isZero();
    }

    @Test
    void theBackplanesLagMakesTheRoundTripAsAHistogram() {
        org.HdrHistogram.Histogram lag = new org.HdrHistogram.Histogram(BenchServer.LAG_LIMIT_MICROS, 3);
        for (long micros = 1_000; micros <= 100_000; micros += 1_000) {
            lag.recordValue(micros);
        }

        String json = BenchServer.JSON.writeValueAsString(BenchServer.BackplaneLag.of(lag, 2, 3));
        BenchServer.BackplaneLag read = BenchServer.JSON.readValue(json, BenchServer.BackplaneLag.class);

        assertThat(read.lag()).isEqualTo(lag);
        assertThat(read.lag().getTotalCount()).isEqualTo(100);
        assertThat(read.dropped()).isEqualTo(2);
        assertThat(read.notPublished()).isEqualTo(3);
    }

    @Test
    void cpuTimeUnknownOnThisPlatformStaysUnknown() {
        String json = BenchServer.JSON.writeValueAsString(new BenchServer.CpuTime(-1));

        assertThat(json).isEqualTo("{\"cpuNanos\":-1,\"databaseCpuNanos\":0}");
        assertThat(BenchServer.JSON.readValue(json, BenchServer.CpuTime.class).cpuNanos()).isEqualTo(-1);
    }
}
