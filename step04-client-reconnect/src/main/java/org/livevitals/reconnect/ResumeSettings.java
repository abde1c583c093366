package org.livevitals.reconnect;

import java.time.Duration;
import org.livevitals.rawsockets.ArgumentChecks;

/**
 * What Lab 4 adds to the server's settings.
 *
 * @param historySize       how many of the latest messages are kept to replay ({@link InMemoryHistory})
 * @param heartbeatInterval how often every dashboard is beaten: sent a heartbeat message unless it was just sent a reading ({@link Heartbeats})
 * @param pingInterval      how often every dashboard is pinged: a whole number of heartbeat intervals
 * @param pongWindow        a dashboard that leaves a ping unanswered this long is taken for dead and cut
 */
public record ResumeSettings(int historySize, Duration heartbeatInterval, Duration pingInterval, Duration pongWindow) {

    /**
     * About 8 minutes of the default ward (4 patients every 2 s), 20 s of the load test's ward (50 a
     * second); at most about 0.35 MB of readings, the largest replay a dashboard can be sent.
     */
    public static final int DEFAULT_HISTORY_SIZE = 1024;
    /** A quiet ward still says something this often, so a dashboard that hears nothing for three knows the server is gone. */
    public static final Duration DEFAULT_HEARTBEAT_INTERVAL = Duration.ofSeconds(5);
    /**
     * Every third heartbeat. A ping costs the server far more than a heartbeat message (its pong wakes a
     * thread to read it: labs/performance.md measured most of Lab 4's extra CPU there), and what it finds, a
     * dashboard gone without a word, only frees the server's resources: the nurse's screen relies on the
     * heartbeat messages.
     */
    public static final Duration DEFAULT_PING_INTERVAL = DEFAULT_HEARTBEAT_INTERVAL.multipliedBy(3);
    /** A ping unanswered this long, two pings: one slow answer in a busy moment is not a dead connection. */
    public static final Duration DEFAULT_PONG_WINDOW = DEFAULT_PING_INTERVAL.multipliedBy(2);

    /**
     * The largest history: its whole replay, at most about 420 bytes a reading, must fit the 4 MiB a
     * client accepts in one message ({@link ReconnectingClient#MAX_MESSAGE_BYTES}).
     */
    public static final int MAX_HISTORY_SIZE = 8192;

    public static final ResumeSettings DEFAULTS =
            new ResumeSettings(DEFAULT_HISTORY_SIZE, DEFAULT_HEARTBEAT_INTERVAL, DEFAULT_PING_INTERVAL, DEFAULT_PONG_WINDOW);

    public ResumeSettings {
        if (historySize < 1 || historySize > MAX_HISTORY_SIZE) {
            throw new IllegalArgumentException("historySize must be 1 to " + MAX_HISTORY_SIZE + ", not " + historySize);
        }
        ArgumentChecks.atLeastOneMilli(heartbeatInterval, "heartbeatInterval");
        ArgumentChecks.atLeastOneMilli(pingInterval, "pingInterval");
        ArgumentChecks.atLeastOneMilli(pongWindow, "pongWindow");
        if (pingInterval.toNanos() % heartbeatInterval.toNanos() != 0) {
            throw new IllegalArgumentException("pingInterval (" + pingInterval.toMillis()
                    + " ms) must be a whole number of heartbeat intervals (" + heartbeatInterval.toMillis() + " ms each)");
        }
        if (pongWindow.compareTo(pingInterval.multipliedBy(2)) < 0) {
            throw new IllegalArgumentException("pongWindow (" + pongWindow.toMillis()
                    + " ms) must be at least two ping intervals (" + pingInterval.toMillis() + " ms each)");
        }
    }

    /** Default pings and pong window for {@code heartbeatInterval}: a ping every third beat, a window of two pings. */
    public static ResumeSettings withHeartbeat(int historySize, Duration heartbeatInterval) {
        Duration ping = heartbeatInterval.multipliedBy(3);
        return new ResumeSettings(historySize, heartbeatInterval, ping, ping.multipliedBy(2));
    }

    /** How many heartbeats from one ping of a dashboard to the next. */
    public int beatsPerPing() {
        return Math.toIntExact(pingInterval.toNanos() / heartbeatInterval.toNanos());
    }

    /** Fast heartbeats and a ping at each, so a test sees a dead connection found in about a second. */
    public static ResumeSettings forTests() {
        return new ResumeSettings(DEFAULT_HISTORY_SIZE, Duration.ofMillis(200), Duration.ofMillis(200), Duration.ofMillis(1000));
    }

    public ResumeSettings withHistorySize(int size) {
        return new ResumeSettings(size, heartbeatInterval, pingInterval, pongWindow);
    }
}
