package org.livevitals.echo;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.http.pathmap.PathSpec;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.PathMappingsHandler;
import org.eclipse.jetty.websocket.server.WebSocketCreator;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.livevitals.rawsockets.PortInUseException;

/**
 * Lab 2's embedded Jetty, set up once for every lab that serves WebSockets: one connector, a
 * context at {@code /}, the WebSocket upgrade on one path with its limits, plain HTTP routes
 * beside it, and a stop that closes each session with 1001 first.
 *
 * <p>Each server says only what is its own:
 *
 * <pre>{@code
 * WebSocketServer.on(port)
 *         .webSocket("/ws", limits, (request, response, callback) -> new EchoEndpoint(closes))
 *         .staticFiles("webroot/echo/")
 *         .build();
 * }</pre>
 *
 * <p>The handler tree reads top-down: the upgrade handler takes valid upgrade requests for the
 * WebSocket path; everything else goes to the routes, where the same path answers a plain request
 * with 400 (or 426 for a WebSocket version Jetty does not speak, {@link UpgradeRequiredHandler}).
 * In front of the upgrade, {@link DetachedUpgradeHandler} keeps each open session from holding on to
 * the HTTP connection its upgrade came on.
 */
public final class WebSocketServer implements AutoCloseable {

    /** How long a stop waits for sessions to close politely before cutting them off. */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(2);

    /**
     * What one WebSocket path allows a session.
     *
     * @param idleTimeout a session with no traffic for this long is closed with 1001
     * @param maxTextMessageBytes a larger text message closes the session with 1009
     * @param maxQueuedFrames frames Jetty may hold for a session that is not reading; the next send fails
     */
    public record Limits(Duration idleTimeout, int maxTextMessageBytes, int maxQueuedFrames) {}

    /**
     * The most threads Jetty's pool may have: eight per core, at least 32 (more than Jetty's own 200 only from 26
     * cores up). Jetty's default is 200 on any machine, and a storm of dashboards connecting at once (a restart, Lab
     * 4's herd) grows the pool to about that: on two cores the handshakes went no faster for it, and each thread kept
     * over 100 KB of stack for as long as Jetty kept the thread, which after a storm is hours
     * (labs/performance.md). Threads beyond the cores help only work that waits. A full pool refuses nothing; Jetty
     * queues the work until a thread is free. So nothing here waits on a thread for a client: request bodies are
     * read as they arrive (Lab 3's {@code ReadingsApiHandler}). What still waits on a thread waits on the server's
     * own parts: a publisher for room in the fan-out lanes while the server is behind (Lab 3), a sign-in for its
     * turn (at most 0.6 s, Lab 5), a Redis command (at most 2 s) or a query (2 s for a connection, then at most
     * 30 s for the database's answer; Lab 6).
     */
    public static final int MAX_POOL_THREADS = Math.max(32, 8 * Runtime.getRuntime().availableProcessors());

    private final Server jetty;
    private final QueuedThreadPool pool;
    private final ServerConnector connector;
    private final ServerConnector tlsConnector;
    private final String webSocketPath;

    private WebSocketServer(Builder builder) {
        this.jetty = builder.jetty;
        this.pool = builder.pool;
        this.connector = builder.connector;
        this.tlsConnector = builder.tlsConnector;
        this.webSocketPath = builder.webSocketPath;
    }

    /** A server to be built on {@code port} (0 for any free port). */
    public static Builder on(int port) {
        return new Builder(port);
    }

    /** Collects the paths of one server; {@link #build} puts the handler tree together. */
    public static final class Builder {

        private final QueuedThreadPool pool = new QueuedThreadPool(MAX_POOL_THREADS);
        private final Server jetty = new Server(pool);
        private final ServerConnector connector = new ServerConnector(jetty);
        private ServerConnector tlsConnector;
        private final ContextHandler context = new ContextHandler("/");
        /** Plain HTTP routes by path; a later route on the same path replaces the earlier one. */
        private final Map<String, Handler> routes = new LinkedHashMap<>();
        private String webSocketPath;
        private WebSocketUpgradeHandler webSockets;

        private Builder(int port) {
            connector.setPort(port);
            jetty.addConnector(connector);
            // A graceful stop lets Jetty close each open WebSocket with 1001 (going away) first.
            jetty.setStopTimeout(STOP_TIMEOUT.toMillis());
        }

        /** Connections the OS may hold for Jetty to accept (Java's default is 50). */
        public Builder acceptQueue(int connections) {
            connector.setAcceptQueueSize(connections);
            if (tlsConnector != null) {
                tlsConnector.setAcceptQueueSize(connections);
            }
            return this;
        }

        /**
         * Serves the same paths over TLS on a second port ({@code https://} and {@code wss://}), with the
         * certificate and private key of a PKCS#12 key store.
         */
        public Builder tls(int port, Path keyStore, String keyStorePassword) {
            SslContextFactory.Server tls = new SslContextFactory.Server();
            tls.setKeyStorePath(keyStore.toString());
            tls.setKeyStorePassword(keyStorePassword);
            tls.setKeyStoreType("PKCS12");
            HttpConfiguration https = new HttpConfiguration();
            https.addCustomizer(new SecureRequestCustomizer());
            plainConfiguration().getCustomizers().forEach(https::addCustomizer);
            tlsConnector = new ServerConnector(jetty, new SslConnectionFactory(tls, "http/1.1"),
                    new HttpConnectionFactory(https));
            tlsConnector.setPort(port);
            tlsConnector.setAcceptQueueSize(connector.getAcceptQueueSize());
            jetty.addConnector(tlsConnector);
            return this;
        }

        /**
         * Lets {@code customizer} see (and wrap) each request before any handler does, on every port: where a
         * later lab changes what the whole server believes about a request, such as who sent it (Lab 5's
         * {@code TrustedProxies}). Customizers run in the order they were added.
         */
        public Builder customizeRequests(HttpConfiguration.Customizer customizer) {
            plainConfiguration().addCustomizer(customizer);
            if (tlsConnector != null) {
                tlsConnector.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration().addCustomizer(customizer);
            }
            return this;
        }

        private HttpConfiguration plainConfiguration() {
            return connector.getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration();
        }

        /** Upgrades requests for {@code path}; {@code endpoints} makes each session's endpoint. */
        public Builder webSocket(String path, Limits limits, WebSocketCreator endpoints) {
            if (webSocketPath != null) {
                throw new IllegalStateException("this server already serves WebSockets on " + webSocketPath);
            }
            webSocketPath = path;
            webSockets = WebSocketUpgradeHandler.from(jetty, context, container -> {
                container.setIdleTimeout(limits.idleTimeout());
                container.setMaxTextMessageSize(limits.maxTextMessageBytes());
                container.setMaxOutgoingFrames(limits.maxQueuedFrames());
                container.addMapping(path, forgettingQuery(withoutExtensions(endpoints)));
            });
            return route(path, new UpgradeRequiredHandler());
        }

        /**
         * Declines every extension a client offers. Browsers always offer {@code permessage-deflate},
         * and Jetty accepts it unless told otherwise; but compression belongs to the connection: each
         * session would compress each message by itself, undoing "encode once" for a broadcast, and keep
         * its own compressor, about 100 KB outside the heap (labs/performance.md measures both). The
         * messages here are small JSON on a hospital's network: not worth it.
         */
        private static WebSocketCreator withoutExtensions(WebSocketCreator endpoints) {
            return (request, response, callback) -> {
                response.setExtensions(List.of());
                return endpoints.createWebSocket(request, response, callback);
            };
        }

        /**
         * Lets the session forget its upgrade's query once the endpoint is made: the endpoint has read what it needs
         * (Lab 5's sign-in ticket, for one), and Jetty's copy of the upgrade would keep it for the session's life
         * ({@link DetachedUpgradeHandler#forgetQuery}). A session's {@code getUpgradeRequest()} has no query.
         */
        private static WebSocketCreator forgettingQuery(WebSocketCreator endpoints) {
            return (request, response, callback) -> {
                Object endpoint = endpoints.createWebSocket(request, response, callback);
                DetachedUpgradeHandler.forgetQuery(request);
                return endpoint;
            };
        }

        /**
         * Plain HTTP: {@code pathSpec} (e.g. {@code /api/readings} or {@code /webjars/*}) goes to {@code handler}.
         * A route on a path that already has one replaces it: a later lab swaps an earlier lab's handler.
         */
        public Builder route(String pathSpec, Handler handler) {
            routes.put(pathSpec, handler);
            return this;
        }

        /**
         * Serves the files of {@code classpathFolders} (e.g. {@code webroot/echo/}) at {@code /}; where two
         * folders have the same file, the first wins ({@link StaticFiles}).
         */
        public Builder staticFiles(String... classpathFolders) {
            return route("/", StaticFiles.fromClasspath(jetty, classpathFolders));
        }

        /**
         * Serves the WebJars on the class path at {@code /webjars/}: a WebJar keeps its files under
         * {@code META-INF/resources/webjars/}, and a context at {@code /webjars} maps
         * {@code /webjars/chart.js/...} onto that folder.
         */
        public Builder webJars() {
            return route("/webjars/*",
                    new ContextHandler(StaticFiles.fromClasspath(jetty, "META-INF/resources/webjars/"), "/webjars"));
        }

        public WebSocketServer build() {
            if (webSockets == null) {
                throw new IllegalStateException("a WebSocketServer needs a webSocket(path, ...)");
            }
            PathMappingsHandler mappings = new PathMappingsHandler();
            routes.forEach((pathSpec, handler) -> mappings.addMapping(PathSpec.from(pathSpec), handler));
            webSockets.setHandler(mappings);
            context.setHandler(new DetachedUpgradeHandler(webSockets));
            jetty.setHandler(context);
            return new WebSocketServer(this);
        }
    }

    /**
     * Starts listening; a failed start leaves nothing running (Jetty stops what it started).
     *
     * @throws PortInUseException when another program holds the port
     */
    public WebSocketServer start() throws Exception {
        try {
            jetty.start();
        } catch (Exception e) {
            throw PortInUseException.ifBindFailure(e, portThatFailed(e));
        }
        return this;
    }

    /** Which port a failed start was about: Jetty names it in its message ("Failed to bind to ...:8443"). */
    private int portThatFailed(Exception failure) {
        if (tlsConnector != null && tlsConnector.getPort() != 0) {
            for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (String.valueOf(cause.getMessage()).endsWith(":" + tlsConnector.getPort())) {
                    return tlsConnector.getPort();
                }
            }
        }
        return connector.getPort();
    }

    /** The port actually bound, useful when 0 asked for any free port. */
    public int port() {
        return connector.getLocalPort();
    }

    /** Threads in Jetty's pool now, busy or idle. */
    public int poolThreads() {
        return pool.getThreads();
    }

    /** The most threads Jetty's pool may start: {@link #MAX_POOL_THREADS}. */
    public int maxPoolThreads() {
        return pool.getMaxThreads();
    }

    public URI httpUri() {
        return URI.create("http://localhost:" + port() + "/");
    }

    public URI webSocketUri() {
        return URI.create("ws://localhost:" + port() + webSocketPath);
    }

    /** The TLS port, or -1 when the server has none. */
    public int tlsPort() {
        return tlsConnector == null ? -1 : tlsConnector.getLocalPort();
    }

    public URI httpsUri() {
        return URI.create("https://localhost:" + tlsPort() + "/");
    }

    public URI secureWebSocketUri() {
        return URI.create("wss://localhost:" + tlsPort() + webSocketPath);
    }

    @Override
    public void close() throws Exception {
        jetty.stop();
    }
}
