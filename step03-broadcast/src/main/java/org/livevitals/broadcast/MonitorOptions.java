package org.livevitals.broadcast;

import java.time.Duration;
import org.livevitals.cli.Launcher;
import org.livevitals.cli.Ranges;
import org.livevitals.rawsockets.VitalsServer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The options of every monitoring server's command line (ports, simulated patients, staleness), checked
 * and turned into {@link MonitorSettings}. Lab 3's {@code server} uses them, and later labs' servers
 * add theirs beside them.
 */
public final class MonitorOptions {

    /** As many as fit on a dashboard. */
    private static final String PATIENTS = "0.." + LatestReadings.DEFAULT_MAX_PATIENTS;

    @Option(names = "--port", description = "HTTP port for dashboards and the API; 0 takes any free one (" + Ranges.LISTEN_PORT + ", default: ${DEFAULT-VALUE}).")
    int port = MonitorSettings.DEFAULT_HTTP_PORT;

    @Option(names = "--device-port", description = "TCP port for bedside devices, not the HTTP port; 0 takes any free one (" + Ranges.LISTEN_PORT + ", default: ${DEFAULT-VALUE}).")
    int devicePort = VitalsServer.DEFAULT_PORT;

    @Option(names = "--patients", description = "Simulated patients, 0 for none (" + PATIENTS + ", default: ${DEFAULT-VALUE}).")
    int patients = MonitorSettings.DEFAULT_SIMULATED_PATIENTS;

    // Pauses of at most an hour, as LatestReadings.DEFAULT_FORGET_AFTER: a patient silent that long is forgotten,
    // so a longer wait would mean nothing.
    @Option(names = "--interval-ms", description = "Milliseconds between two readings of a simulated patient (" + Ranges.PAUSE_MILLIS + ", default: ${DEFAULT-VALUE}).")
    long intervalMillis = VitalsFeed.DEFAULT_INTERVAL.toMillis();

    @Option(names = "--stale-after-ms", description = "Mark a patient stale after this many milliseconds without data (" + Ranges.PAUSE_MILLIS + ", default: ${DEFAULT-VALUE}).")
    long staleAfterMillis = MonitorSettings.DEFAULT_STALE_AFTER.toMillis();

    /** The settings these options ask for; an option out of its range fails with its name and range. */
    public MonitorSettings settings(CommandSpec spec) {
        Launcher.checkRange(spec, "--port", port, Ranges.LISTEN_PORT);
        Launcher.checkRange(spec, "--device-port", devicePort, Ranges.LISTEN_PORT);
        if (devicePort != 0 && devicePort == port) {
            throw Launcher.invalidValue(spec, "--device-port", devicePort + " is the HTTP port (--port) too: each needs its own");
        }
        Launcher.checkRange(spec, "--patients", patients, PATIENTS);
        Launcher.checkRange(spec, "--interval-ms", intervalMillis, Ranges.PAUSE_MILLIS);
        Launcher.checkRange(spec, "--stale-after-ms", staleAfterMillis, Ranges.PAUSE_MILLIS);
        return new MonitorSettings(port, devicePort, patients, Duration.ofMillis(intervalMillis),
                Duration.ofMillis(staleAfterMillis), MonitorSettings.DEFAULT_MAX_QUEUED_FRAMES, FanOut.DEFAULT_LANES);
    }
}
