package org.livevitals.broadcast;

import java.time.Duration;
import org.livevitals.rawsockets.ArgumentChecks;
import org.livevitals.rawsockets.VitalsServer;

/**
 * How the Lab 3 monitoring server is set up; tests use port 0 and no simulated patients.
 *
 * @param httpPort          dashboards, the API and WebSocket
 * @param devicePort        the TCP device gateway (Lab 1's protocol)
 * @param simulatedPatients how many simulated patients the feed publishes (0 for none)
 * @param feedInterval      how often each simulated patient sends a reading
 * @param staleAfter        a patient with no reading for this long is shown as stale
 * @param maxQueuedFrames   messages Jetty may hold for one slow dashboard before it is evicted
 * @param fanOutLanes       how many threads send each broadcast ({@link FanOut})
 */
public record MonitorSettings(int httpPort, int devicePort, int simulatedPatients, Duration feedInterval,
        Duration staleAfter, int maxQueuedFrames, int fanOutLanes) {

    public static final int DEFAULT_HTTP_PORT = 8080;
    public static final int DEFAULT_SIMULATED_PATIENTS = 4;
    /** Three missed readings at the default interval. */
    public static final Duration DEFAULT_STALE_AFTER = Duration.ofSeconds(6);
    /** Room for a burst (a snapshot plus a few seconds of every patient), not for a stuck client. */
    public static final int DEFAULT_MAX_QUEUED_FRAMES = 256;

    public static final MonitorSettings DEFAULTS = new MonitorSettings(DEFAULT_HTTP_PORT, VitalsServer.DEFAULT_PORT,
            DEFAULT_SIMULATED_PATIENTS, VitalsFeed.DEFAULT_INTERVAL, DEFAULT_STALE_AFTER, DEFAULT_MAX_QUEUED_FRAMES,
            FanOut.DEFAULT_LANES);

    public MonitorSettings {
        ArgumentChecks.port(httpPort, "httpPort");
        ArgumentChecks.port(devicePort, "devicePort");
        if (httpPort != 0 && httpPort == devicePort) {
            throw new IllegalArgumentException("httpPort and devicePort are both " + httpPort + ": each needs its own");
        }
        if (simulatedPatients < 0) {
            throw new IllegalArgumentException("simulatedPatients must be 0 or more, not " + simulatedPatients);
        }
        ArgumentChecks.atLeastOneMilli(feedInterval, "feedInterval");
        ArgumentChecks.atLeastOneMilli(staleAfter, "staleAfter");
        if (maxQueuedFrames < 1) {
            throw new IllegalArgumentException("maxQueuedFrames must be at least 1, not " + maxQueuedFrames);
        }
        if (fanOutLanes < 1) {
            throw new IllegalArgumentException("fanOutLanes must be at least 1, not " + fanOutLanes);
        }
    }

    /** Ephemeral ports, no simulated patients: a quiet server a test drives itself. */
    public static MonitorSettings forTests() {
        return new MonitorSettings(0, 0, 0, VitalsFeed.DEFAULT_INTERVAL, DEFAULT_STALE_AFTER, DEFAULT_MAX_QUEUED_FRAMES,
                FanOut.DEFAULT_LANES);
    }

    public MonitorSettings withPorts(int httpPort, int devicePort) {
        return new MonitorSettings(httpPort, devicePort, simulatedPatients, feedInterval, staleAfter, maxQueuedFrames, fanOutLanes);
    }

    public MonitorSettings withStaleAfter(Duration staleAfter) {
        return new MonitorSettings(httpPort, devicePort, simulatedPatients, feedInterval, staleAfter, maxQueuedFrames, fanOutLanes);
    }

    public MonitorSettings withFanOutLanes(int lanes) {
        return new MonitorSettings(httpPort, devicePort, simulatedPatients, feedInterval, staleAfter, maxQueuedFrames, lanes);
    }

    public MonitorSettings withSimulatedPatients(int count, Duration interval) {
        return new MonitorSettings(httpPort, devicePort, count, interval, staleAfter, maxQueuedFrames, fanOutLanes);
    }
}
