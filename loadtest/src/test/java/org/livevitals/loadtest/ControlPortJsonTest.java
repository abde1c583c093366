package org.livevitals.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the bench server and the generator exchange on the control port reads back as it was written. */
class ControlPortJsonTest {

    @Test
    void processCostsMakeTheRoundTrip() {
        ProcessCosts costs = new ProcessCosts(10_000, 84_000_000_123L, -1);

        String json = BenchServer.JSON.writeValueAsString(costs);

        assertThat(json).isEqualTo("{\"connections\":10000,\"heapBytes\":84000000123,\"rssBytes\":-1}");
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
    void cpuTimeUnknownOnThisPlatformStaysUnknown() {
        String json = BenchServer.JSON.writeValueAsString(new BenchServer.CpuTime(-1));

        assertThat(json).isEqualTo("{\"cpuNanos\":-1}");
        assertThat(BenchServer.JSON.readValue(json, BenchServer.CpuTime.class).cpuNanos()).isEqualTo(-1);
    }
}
