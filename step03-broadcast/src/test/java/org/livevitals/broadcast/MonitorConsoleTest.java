package org.livevitals.broadcast;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the console monitor prints for what the server pushes. */
class MonitorConsoleTest {

    @Test
    void aSnapshotOfOnePatientSays1PatientNot1Patients() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        MonitorConsole.Printer printer = new MonitorConsole.Printer(new PrintStream(printed, true, UTF_8));

        printer.onWebSocketText(new DashboardMessages().snapshot(List.of(MonitorServerTest.reading("P001", 80)),
                MonitorSettings.DEFAULT_STALE_AFTER));

        assertThat(printed.toString(UTF_8).lines().findFirst()).hasValue("snapshot: 1 patient");
    }
}
