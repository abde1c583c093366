package org.livevitals.broadcast;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import org.livevitals.echo.WebSocketServer;
import org.livevitals.rawsockets.DeviceRegistry;
import org.livevitals.rawsockets.PortInUseException;
import org.livevitals.rawsockets.ServerLimits;
import org.livevitals.rawsockets.VitalSigns;
import org.livevitals.rawsockets.VitalsServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lab 3 monitoring server: readings in from three sources, out to every dashboard.
 *
 * <pre>
 * bedside devices --TCP (Lab 1 protocol)--> gateway --+
 * simulated patients (feed) --------------------------+--> Broadcaster --WebSocket /ws--> dashboards
 * POST /api/readings ---------------------------------+          (GET /api/patients: the latest of each)
 * </pre>
 */
public final class MonitorServer implements AutoCloseable {

    public static final String WEBSOCKET_PATH = "/ws";
    /** Idle dashboards still receive every reading, so only a dead connection stays silent this long. */
    public static final Duration IDLE_TIMEOUT = Duration.ofMinutes(1);

    /** Dashboards send only small requests; a larger message closes the session with 1009. */
    public static final int MAX_DASHBOARD_MESSAGE_BYTES = 4 * 1024;

    /** Connections the OS may hold for Jetty to accept; Java's default of 50 drops a burst of dashboards. */
    public static final int ACCEPT_QUEUE = 1024;

    private static final Logger log = LoggerFactory.getLogger(MonitorServer.class);

    private final WebSocketServer web;
    private final DashboardSessions sessions;
    private final FanOut fanOut;
    private final LatestReadings latest;
    private final DashboardMessages messages = new DashboardMessages();
    private final Broadcaster broadcaster;
    private final DashboardStream stream;
    private final VitalsServer deviceGateway;
    private final VitalsFeed feed;

    public MonitorServer(MonitorSettings settings, Clock clock) {
        this(settings, clock, new DashboardMessages()::reading);
    }

    /**
     * @param readingJson turns a reading into the JSON every dashboard gets; the load test
     *     (labs/performance.md) passes one that also stamps each publication's send time
     */
    public MonitorServer(MonitorSettings settings, Clock clock, Function<VitalSigns, String> readingJson) {
        this(settings, clock, readingJson, LiveStream::new, "webroot/dashboard/");
    }

    /**
     * The seam later labs build on: Lab 4 passes a stream that numbers every message, and a folder
     * of pages that overrides some of Lab 3's.
     *
     * @param stream makes the dashboard stream from the parts every server has
     * @param pages  class-path folders of the dashboard's files; where two have the same file, the first wins
     */
    public MonitorServer(MonitorSettings settings, Clock clock, Function<VitalSigns, String> readingJson,
            Function<DashboardStream.Parts, DashboardStream> stream, String... pages) {
        this(settings, clock, readingJson, stream, WebExtension.NONE, pages);
    }

    /**
     * Lab 5's seam: {@code extension} adds routes of its own (or replaces Lab 3's on the same path)
     * and a TLS port, once Lab 3's routes are in place.
     */
    public MonitorServer(MonitorSettings settings, Clock clock, Function<VitalSigns, String> readingJson,
            Function<DashboardStream.Parts, DashboardStream> stream, WebExtension extension, String... pages) {
        latest = new LatestReadings(clock);
        sessions = new DashboardSessions(settings.fanOutLanes());
        fanOut = new FanOut(sessions);
        broadcaster = new Broadcaster(sessions, fanOut, latest, readingJson);
        DashboardStream.Parts parts = new DashboardStream.Parts(settings, latest, sessions, broadcaster, messages);
        this.stream = stream.apply(parts);
        deviceGateway = new VitalsServer(settings.devicePort(), ServerLimits.DEFAULTS, this.stream, clock);
        feed = new VitalsFeed(VitalsFeed.simulatedPatients(settings.simulatedPatients(), clock),
                settings.feedInterval(), this.stream);

        WebSocketServer.Builder builder = WebSocketServer.on(settings.httpPort())
                .acceptQueue(ACCEPT_QUEUE) // a ward's dashboards may all reconnect at once
                .webSocket(WEBSOCKET_PATH,
                        new WebSocketServer.Limits(IDLE_TIMEOUT, MAX_DASHBOARD_MESSAGE_BYTES, settings.maxQueuedFrames()),
                        this.stream.endpoints())
                .route("/api/readings", new ReadingsApiHandler(messages, this.stream, clock))
                .route("/api/patients", new PatientsApiHandler(latest, messages))
                .webJars()
                .staticFiles(pages);
        extension.extend(builder, parts, this.stream);
        web = builder.build();
    }

    /**
     * Starts the HTTP side, then the device gateway, then the feed. A start that fails stops what it
     * had started: a server with its HTTP port open and no gateway would serve half a ward, and its
     * threads would keep the JVM alive after the program had given up.
     *
     * @throws PortInUseException when another program holds the HTTP port or the device port
     */
    public MonitorServer start() throws Exception {
        web.start(); // a failed start leaves nothing running
        try {
            deviceGateway.start();
            feed.start();
            stream.start();
        } catch (IOException | RuntimeException e) {
            try {
                close();
            } catch (Exception stopping) {
                e.addSuppressed(stopping);
            }
            throw e;
        }
        log.info("dashboard on {}; devices connect to TCP port {}", httpUri(), devicePort());
        return this;
    }

    public int port() {
        return web.port();
    }

    public int devicePort() {
        return deviceGateway.port();
    }

    /** The devices connected to the gateway: Lab 5 sends them commands. */
    public DeviceRegistry devices() {
        return deviceGateway.devices();
    }

    public URI httpUri() {
        return web.httpUri();
    }

    public URI webSocketUri() {
        return web.webSocketUri();
    }

    /** The HTTP server itself: its TLS port and addresses, when an extension gave it one. */
    public WebSocketServer web() {
        return web;
    }

    /** The latest reading of each patient: what a snapshot shows. */
    public LatestReadings latest() {
        return latest;
    }

    public DashboardSessions sessions() {
        return sessions;
    }

    public FanOut fanOut() {
        return fanOut;
    }

    public Broadcaster broadcaster() {
        return broadcaster;
    }

    /** Where every source's readings go: publish through this to reach dashboards as a device would. */
    public DashboardStream stream() {
        return stream;
    }

    @Override
    public void close() throws Exception {
        feed.close();
        deviceGateway.close();
        stream.close();
        web.close();
        fanOut.close();
    }
}
