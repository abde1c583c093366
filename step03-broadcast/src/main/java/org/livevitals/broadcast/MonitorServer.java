package org.livevitals.broadcast;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.function.Function;
import org.eclipse.jetty.http.pathmap.PathSpec;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.PathMappingsHandler;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.livevitals.echo.EchoServer;
import org.livevitals.echo.StaticFiles;
import org.livevitals.echo.UpgradeRequiredHandler;
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

    private final Server jetty = new Server();
    private final ServerConnector connector = new ServerConnector(jetty);
    private final DashboardSessions sessions;
    private final FanOut fanOut;
    private final LatestReadings latest;
    private final DashboardMessages messages = new DashboardMessages();
    private final Broadcaster broadcaster;
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
        latest = new LatestReadings(clock);
        sessions = new DashboardSessions(settings.fanOutLanes());
        fanOut = new FanOut(sessions);
        broadcaster = new Broadcaster(sessions, fanOut, latest, readingJson);
        deviceGateway = new VitalsServer(settings.devicePort(), ServerLimits.DEFAULTS, broadcaster, clock);
        feed = new VitalsFeed(VitalsFeed.simulatedPatients(settings.simulatedPatients(), clock),
                settings.feedInterval(), broadcaster);

        connector.setPort(settings.httpPort());
        connector.setAcceptQueueSize(ACCEPT_QUEUE); // a ward's dashboards may all reconnect at once
        jetty.addConnector(connector);
        jetty.setStopTimeout(EchoServer.STOP_TIMEOUT.toMillis()); // dashboards get 1001 on shutdown
        ContextHandler context = new ContextHandler("/");
        ClientMessages clientMessages = new ClientMessages();
        WebSocketUpgradeHandler webSockets = WebSocketUpgradeHandler.from(jetty, context, container -> {
            container.setIdleTimeout(IDLE_TIMEOUT);
            container.setMaxTextMessageSize(MAX_DASHBOARD_MESSAGE_BYTES);
            container.setMaxOutgoingFrames(settings.maxQueuedFrames());
            container.addMapping(WEBSOCKET_PATH, (request, response, callback) -> new DashboardEndpoint(
                    sessions, () -> messages.snapshot(latest.all(), settings.staleAfter()), clientMessages, messages));
        });
        PathMappingsHandler routes = new PathMappingsHandler();
        routes.addMapping(PathSpec.from(WEBSOCKET_PATH), new UpgradeRequiredHandler());
        routes.addMapping(PathSpec.from("/api/readings"), new ReadingsApiHandler(messages, broadcaster, clock));
        routes.addMapping(PathSpec.from("/api/patients"), new PatientsApiHandler(latest, messages));
        // WebJars keep their files under META-INF/resources/webjars/ in their jar; a context at
        // /webjars maps /webjars/chart.js/... onto that folder.
        routes.addMapping(PathSpec.from("/webjars/*"),
                new ContextHandler(StaticFiles.fromClasspath(jetty, "META-INF/resources/webjars/"), "/webjars"));
        routes.addMapping(PathSpec.from("/"), StaticFiles.fromClasspath(jetty, "webroot/dashboard/"));
        webSockets.setHandler(routes);
        context.setHandler(webSockets);
        jetty.setHandler(context);
    }

    /**
     * Starts the HTTP side, then the device gateway, then the feed. A start that fails stops what it
     * had started: a server with its HTTP port open and no gateway would serve half a ward, and its
     * threads would keep the JVM alive after the program had given up.
     *
     * @throws PortInUseException when another program holds the HTTP port or the device port
     */
    public MonitorServer start() throws Exception {
        try {
            jetty.start();
        } catch (Exception e) {
            throw PortInUseException.ifBindFailure(e, connector.getPort()); // Jetty stops what it started
        }
        try {
            deviceGateway.start();
            feed.start();
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
        return connector.getLocalPort();
    }

    public int devicePort() {
        return deviceGateway.port();
    }

    public URI httpUri() {
        return URI.create("http://localhost:" + port() + "/");
    }

    public URI webSocketUri() {
        return URI.create("ws://localhost:" + port() + WEBSOCKET_PATH);
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

    @Override
    public void close() throws Exception {
        feed.close();
        deviceGateway.close();
        jetty.stop();
        fanOut.close();
    }
}
