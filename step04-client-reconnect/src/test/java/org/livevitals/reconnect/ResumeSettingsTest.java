package org.livevitals.reconnect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Heartbeats, pings and the pong window: pings are whole beats apart, and the window holds two of them. */
class ResumeSettingsTest {

    @Test
    void byDefaultADashboardHearsEveryFiveSecondsIsPingedEveryFifteenAndCutAfterThirtyUnanswered() {
        ResumeSettings defaults = ResumeSettings.DEFAULTS;

        assertThat(defaults.heartbeatInterval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.pingInterval()).isEqualTo(Duration.ofSeconds(15));
        assertThat(defaults.pongWindow()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.beatsPerPing()).isEqualTo(3);
        assertThat(ResumeSettings.withHeartbeat(16, Duration.ofSeconds(1)))
                .isEqualTo(new ResumeSettings(16, Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(6)));
    }

    @Test
    void aPingIntervalThatIsNotWholeBeatsOrAWindowShorterThanTwoPingsIsRefused() {
        Duration second = Duration.ofSeconds(1);
        assertThatThrownBy(() -> new ResumeSettings(16, second, Duration.ofMillis(1500), Duration.ofSeconds(10)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("whole number of heartbeat intervals");
        assertThatThrownBy(() -> new ResumeSettings(16, second, Duration.ofSeconds(3), Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least two ping intervals");
        assertThatThrownBy(() -> new ResumeSettings(16, second, Duration.ZERO, Duration.ofSeconds(5)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pingInterval");
    }
}
