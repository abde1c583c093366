package org.livevitals.reconnect;

import java.time.Duration;
import org.livevitals.rawsockets.ArgumentChecks;

/**
 * What Lab 4 adds to the server's settings.
 *
 * @param historySize       how many of the latest messages are kept to replay ({@link InMemoryHistory})
 * @param heartbeatInterval how often every dashboard is sent a heartbeat and a ping ({@link Heartbeats})
 * @param pongWindow        a dashboard that leaves a ping unanswered this long is taken for dead and cut
 */
public record ResumeSettings(int historySize, Duration heartbeatInterval, Duration pongWindow) {

    /**
     * About 8 minutes of the default ward (4 patients every 2 s), 20 s of the load test's ward (50 a
     * second); at most about 0.35 MB of readings, the largest replay a dashboard can be sent.
     */
    public static final int DEFAULT_HISTORY_SIZE = 1024;
    /** A quiet ward still says something this often, so silence means a dead connection. */
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(5);
    /** A ping unanswered this long, three beats: one slow answer in a busy moment is not a dead connection. */
    public static final Duration DEFAULT_PONG_WINDOW = Duration.ofSeconds(15);

    /**
     * The largest history: its whole replay, at most about 420 bytes a reading, must fit the 4 MiB a
     * client accepts in one message ({@link ReconnectingClient#MAX_MESSAGE_BYTES}).
     */
    public static final int MAX_HISTORY_SIZE = 8192;

    public static final ResumeSettings DEFAULTS =
            new ResumeSettings(DEFAULT_HISTORY_SIZE, DEFAULT_HEARTBEAT_INTERVAL, DEFAULT_PONG_WINDOW);

    public ResumeSettings {
        if (historySize < 1 || historySize > MAX_HISTORY_SIZE) {
            throw new IllegalArgumentException("historySize must be 1 to " + MAX_HISTORY_SIZE + ", not " + historySize);
        }
        ArgumentChecks.atLeastOneMilli(heartbeatInterval, "heartbeatInterval");
        ArgumentChecks.atLeastOneMilli(pongWindow, "pongWindow");
        if (pongWindow.compareTo(heartbeatInterval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("pongWindow (" + pongWindow.toMillis()
                    + " ms) must be at least two heartbeat intervals (" + heartbeatInterval.toMillis() + " ms each)");
        }
    }

    /** Fast heartbeats, so a test sees a dead connection found in about a second. */
    public static ResumeSettings forTests() {
        return new ResumeSettings(DEFAULT_HISTORY_SIZE, Duration.ofMillis(200), Duration.ofMillis(1000));
    }

    public ResumeSettings withHistorySize(int size) {
        return new ResumeSettings(size, heartbeatInterval, pongWindow);
    }
}
