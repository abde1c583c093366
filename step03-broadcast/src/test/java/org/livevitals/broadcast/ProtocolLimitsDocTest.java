package org.livevitals.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.livevitals.rawsockets.ReadingTime;
import org.livevitals.rawsockets.ServerLimits;
import org.livevitals.testkit.CourseFiles;

/** labs/protocol.md states the limits Labs 1 and 3 enforce; this fails when the doc and the code drift apart. */
class ProtocolLimitsDocTest {

    private static final String DOC = "labs/protocol.md";

    @Test
    void dashboardLimitsInTheDocAreTheLimitsInTheCode() {
        Map<String, String> rows = CourseFiles.secondCellByFirst(DOC);
        assertThat(rows).as("dashboard limits in %s", DOC)
                .hasEntrySatisfying("Largest message from a dashboard",
                        value -> assertThat(value).startsWith(MonitorServer.MAX_DASHBOARD_MESSAGE_BYTES + " bytes"))
                .hasEntrySatisfying("Dashboard idle timeout",
                        value -> assertThat(value).startsWith(MonitorServer.IDLE_TIMEOUT.toSeconds() + " s"))
                .hasEntrySatisfying("Frames queued for one dashboard",
                        value -> assertThat(value).startsWith(MonitorSettings.DEFAULT_MAX_QUEUED_FRAMES + ";"))
                .hasEntrySatisfying("Broadcasts waiting for one fan-out lane",
                        value -> assertThat(value).startsWith(FanOut.DEFAULT_MAX_LANE_BACKLOG + ";"))
                .hasEntrySatisfying("Patients in a snapshot",
                        value -> assertThat(value).startsWith(LatestReadings.DEFAULT_MAX_PATIENTS + ";"))
                .hasEntrySatisfying("Patient forgotten after",
                        value -> assertThat(value).startsWith(LatestReadings.DEFAULT_FORGET_AFTER.toMinutes() + " min"))
                .containsEntry("Body of `POST /api/readings`", ReadingsApiHandler.MAX_BODY_BYTES + " bytes");
    }

    @Test
    void deviceAndTimeLimitsInTheDocAreTheLimitsInTheCode() {
        Map<String, String> rows = CourseFiles.secondCellByFirst(DOC);
        assertThat(rows).as("limits in %s", DOC)
                .containsEntry("Device idle timeout (TCP)", ServerLimits.DEFAULT_IDLE_TIMEOUT.toSeconds() + " s")
                .containsEntry("Reading time ahead of the server's clock", ReadingTime.MAX_AHEAD.toSeconds() + " s")
                .containsEntry("Reading time before the server's clock", ReadingTime.MAX_AGE.toHours() + " h");
    }
}
