package org.livevitals.reconnect;

import java.time.Clock;
import java.util.function.Function;
import org.livevitals.broadcast.DashboardMessages;
import org.livevitals.broadcast.MonitorServer;
import org.livevitals.broadcast.MonitorSettings;
import org.livevitals.rawsockets.VitalSigns;

/**
 * The Lab 4 server: Lab 3's monitoring server with a numbered, resumable stream, and a dashboard page
 * that reconnects. Everything else (device gateway, simulated patients, API, fan-out) is Lab 3's.
 */
public final class ResumeServer {

    /** Lab 4's pages come first: its script and page replace Lab 3's, the rest is served from Lab 3's folder. */
    static final String[] PAGES = {"webroot/reconnect/", "webroot/dashboard/"};

    private ResumeServer() {}

    public static MonitorServer newServer(MonitorSettings settings, ResumeSettings resume, Clock clock) {
        return newServer(settings, resume, clock, new DashboardMessages()::reading);
    }

    /** @param readingJson a reading's JSON before its number is added; the load test stamps its timing in it */
    public static MonitorServer newServer(MonitorSettings settings, ResumeSettings resume, Clock clock,
            Function<VitalSigns, String> readingJson) {
        return new MonitorServer(settings, clock, readingJson,
                parts -> new ResumableStream(parts, new InMemoryHistory(resume.historySize()), resume, readingJson),
                PAGES);
    }
}
