package org.livevitals.reconnect;

import java.time.Duration;
import org.livevitals.cli.Launcher;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The options Lab 4 adds to a monitoring server's command line (history size, heartbeat interval),
 * checked and turned into {@link ResumeSettings}. Lab 4's {@code server} uses them, and so does every
 * later lab's server.
 */
public final class ResumeOptions {

    /** Bounded by what a client accepts in one replay (ResumeSettings.MAX_HISTORY_SIZE). */
    private static final String HISTORY = "1.." + ResumeSettings.MAX_HISTORY_SIZE;
    /** A tenth of a second (a demonstration) to a minute (quiet links). */
    private static final String HEARTBEAT_MILLIS = "100..60000";

    @Option(names = "--history", description = "How many messages are kept for dashboards to resume from (" + HISTORY + ", default: ${DEFAULT-VALUE}).")
    int history = ResumeSettings.DEFAULT_HISTORY_SIZE;

    @Option(names = "--heartbeat-ms", description = "Milliseconds between two heartbeats; a dashboard is pinged every third"
            + " and cut when a ping is unanswered for six ("
            + HEARTBEAT_MILLIS + ", default: ${DEFAULT-VALUE}).")
    long heartbeatMillis = ResumeSettings.DEFAULT_HEARTBEAT_INTERVAL.toMillis();

    /** The settings these options ask for; an option out of its range fails with its name and range. */
    public ResumeSettings settings(CommandSpec spec) {
        Launcher.checkRange(spec, "--history", history, HISTORY);
        Launcher.checkRange(spec, "--heartbeat-ms", heartbeatMillis, HEARTBEAT_MILLIS);
        return ResumeSettings.withHeartbeat(history, Duration.ofMillis(heartbeatMillis));
    }
}
