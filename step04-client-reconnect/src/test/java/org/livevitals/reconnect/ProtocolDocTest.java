package org.livevitals.reconnect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.livevitals.testkit.CourseFiles;

/** labs/protocol.md states Lab 4's windows and bounds; this fails when the doc and the code drift apart. */
class ProtocolDocTest {

    private static final String DOC = "labs/protocol.md";

    @Test
    void livenessAndHistoryInTheDocAreTheValuesInTheCode() {
        Map<String, String> rows = CourseFiles.secondCellByFirst(DOC);
        assertThat(rows).as("Lab 4 limits in %s", DOC)
                .hasEntrySatisfying("Heartbeat interval", value -> assertThat(value)
                        .startsWith(ResumeSettings.DEFAULT_HEARTBEAT_INTERVAL.toSeconds() + " s"))
                .hasEntrySatisfying("Ping interval", value -> assertThat(value)
                        .startsWith(ResumeSettings.DEFAULT_PING_INTERVAL.toSeconds() + " s")
                        .contains("times " + ResumeSettings.DEFAULTS.beatsPerPing()))
                .hasEntrySatisfying("Pong window", value -> assertThat(value)
                        .startsWith(ResumeSettings.DEFAULT_PONG_WINDOW.toSeconds() + " s"))
                .hasEntrySatisfying("Client silence window", value -> assertThat(value)
                        .startsWith(ReconnectingClient.MISSED_HEARTBEATS + " heartbeats"))
                .hasEntrySatisfying("History", value -> assertThat(value)
                        .startsWith(ResumeSettings.DEFAULT_HISTORY_SIZE + " readings"))
                .hasEntrySatisfying("Reconnect backoff", value -> assertThat(value)
                        .contains("within " + Backoff.DEFAULT.initial().toMillis() / 1000.0 + " s")
                        .contains("up to " + Backoff.DEFAULT.cap().toSeconds() + " s")
                        .contains("stayed up " + ReconnectingClient.DEFAULT_STABLE_AFTER.toSeconds() + " s"));
        assertThat(Backoff.DEFAULT.jitter()).isEqualTo(Backoff.Jitter.FULL);
    }
}
