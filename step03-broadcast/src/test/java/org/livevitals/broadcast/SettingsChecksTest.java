package org.livevitals.broadcast;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Lab 3's settings and feed refuse a bad value at once, in a message that names it, instead of a
 * timer failing later with no message at all; and they accept every value the command line lets through.
 */
class SettingsChecksTest {

    private static final MonitorSettings QUIET = MonitorSettings.forTests();

    @Test
    void monitorSettingsNameTheValueRefused() {
        assertThatThrownBy(() -> QUIET.withPorts(70_000, 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("httpPort must be 0..65535, not 70000");
        assertThatThrownBy(() -> QUIET.withPorts(8080, 8080))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("httpPort and devicePort are both 8080: each needs its own");
        assertThatThrownBy(() -> QUIET.withSimulatedPatients(-1, VitalsFeed.DEFAULT_INTERVAL))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("simulatedPatients must be 0 or more, not -1");
        assertThatThrownBy(() -> QUIET.withSimulatedPatients(4, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("feedInterval must be at least 1 ms, not 0 ms");
        assertThatThrownBy(() -> QUIET.withStaleAfter(Duration.ofMillis(-1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("staleAfter must be at least 1 ms, not -1 ms");
        assertThatThrownBy(() -> QUIET.withFanOutLanes(0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("fanOutLanes must be at least 1, not 0");
    }

    @Test
    void theFeedRefusesAnIntervalItsTimerCouldNotUse() {
        assertThatThrownBy(() -> new VitalsFeed(List.of(), Duration.ZERO, reading -> { }))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("the feed interval must be at least 1 ms, not 0 ms");
    }

    @Test
    void theCommandLinesLargestValuesAreAccepted() {
        assertThatCode(() -> QUIET.withPorts(65_535, 65_534).withSimulatedPatients(500, Duration.ofHours(1))
                .withStaleAfter(Duration.ofHours(1))).doesNotThrowAnyException();
    }
}
