package org.livevitals.broadcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The simulated feed: one patient's failure costs neither the other patients nor the schedule. */
class VitalsFeedTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final Duration FAST = Duration.ofMillis(10);
    private static final int TICKS = 5;

    @Test
    void aPatientWhoseReadingFailsDoesNotStopTheOthersOrTheSchedule() throws Exception {
        Map<String, AtomicInteger> delivered = new ConcurrentHashMap<>();
        try (VitalsFeed feed = new VitalsFeed(VitalsFeed.simulatedPatients(3, Clock.systemUTC()), FAST, reading -> {
            if (reading.patientId().equals("P002")) {
                throw new IllegalStateException("P002's reading cannot be handed on");
            }
            delivered.computeIfAbsent(reading.patientId(), id -> new AtomicInteger()).incrementAndGet();
        }).start()) {
            await("several ticks for P001 and P003").atMost(PATIENCE).until(() ->
                    List.of("P001", "P003").stream().allMatch(p -> delivered.containsKey(p) && delivered.get(p).get() >= TICKS));
        }
        assertThat(delivered).doesNotContainKey("P002");
    }
}
