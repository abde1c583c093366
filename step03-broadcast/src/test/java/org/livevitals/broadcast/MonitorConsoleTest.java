package org.livevitals.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** What the console monitor prints for what the server pushes. */
class MonitorConsoleTest {

    @Test
    void aSnapshotOfOnePatientSays1PatientNot1Patients() {
        String printed = MonitorConsole.format(new DashboardMessages().snapshot(List.of(MonitorServerTest.reading("P001", 80)),
                MonitorSettings.DEFAULT_STALE_AFTER));

        assertThat(printed.lines().findFirst()).hasValue("snapshot: 1 patient");
    }
}
