package org.livevitals.echo;

import java.net.URI;
import java.time.Duration;
import org.eclipse.jetty.http.pathmap.PathSpec;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.PathMappingsHandler;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.livevitals.rawsockets.PortInUseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An embedded Jetty 12 server: a WebSocket echo endpoint on {@value #PATH} and a small browser
 * page on {@code /}.
 *
 * <p>The handler tree reads top-down: a context at {@code /}; the WebSocket upgrade handler takes
 * upgrade requests for {@value #PATH}; everything else goes to plain HTTP routes (400 on
 * {@value #PATH}, static files elsewhere). The limits are set once on the WebSocket container.
 */
public final class EchoServer implements AutoCloseable {

    public static final int DEFAULT_PORT = 8080;
    public static final String PATH = "/ws";
    /** A text message above this closes the session with 1009 (message too big). */
    public static final int MAX_TEXT_MESSAGE_BYTES = 64 * 1024;
    /** A session with no traffic for this long is closed with 1001 (going away). */
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(30);
    /**
     * Echoes Jetty may hold for one client that is not reading them; one more and the client is
     * disconnected. An echo client is only ever sent what it sent itself, so a client that reads
     * keeps up and the queue fills only behind one that stopped. The limit rides out a short stall,
     * not a burst, and caps what a stuck client costs: 64 echoes of at most 64 KiB is 4 MiB, on top
     * of the kernel's socket buffers (Lab 3's dashboards get 256 frames of a few hundred bytes).
     */
    public static final int MAX_QUEUED_FRAMES = 64;

    /** How long a stop waits for sessions to close politely before cutting them off. */
    public static final Duration STOP_TIMEOUT = Duration.ofSeconds(2);

    private static final Logger log = LoggerFactory.getLogger(EchoServer.class);

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);

    public EchoServer(int port, Duration idleTimeout, CloseListener closes) {
        connector.setPort(port);
        server.addConnector(connector);
        // A graceful stop lets Jetty close each open WebSocket with 1001 (going away) first.
        server.setStopTimeout(STOP_TIMEOUT.toMillis());

        ContextHandler context = new ContextHandler("/");
        WebSocketUpgradeHandler webSockets = WebSocketUpgradeHandler.from(server, context, container -> {
            container.setIdleTimeout(idleTimeout);
            container.setMaxTextMessageSize(MAX_TEXT_MESSAGE_BYTES);
            container.setMaxOutgoingFrames(MAX_QUEUED_FRAMES);
            container.addMapping(PATH, (request, response, callback) -> new EchoEndpoint(closes));
        });
        PathMappingsHandler plainHttp = new PathMappingsHandler();
        plainHttp.addMapping(PathSpec.from(PATH), new UpgradeRequiredHandler());
        plainHttp.addMapping(PathSpec.from("/"), StaticFiles.fromClasspath(server, "webroot/echo/"));
        webSockets.setHandler(plainHttp);
        context.setHandler(webSockets);
        server.setHandler(context);
    }

    /** An echo server with the default idle timeout that logs every close; call {@link #start()} next. */
    public static EchoServer newServer(int port) {
        return new EchoServer(port, DEFAULT_IDLE_TIMEOUT,
                (client, code, reason) -> { }); // EchoEndpoint already logs each close
    }

    /**
     * Starts listening; a failed start leaves nothing running (Jetty stops what it started).
     *
     * @throws PortInUseException when another program holds the port
     */
    public EchoServer start() throws Exception {
        try {
            server.start();
        } catch (Exception e) {
            throw PortInUseException.ifBindFailure(e, connector.getPort());
        }
        log.info("echo server on http://localhost:{}/ (WebSocket: {})", port(), webSocketUri());
        return this;
    }

    /** The port actually bound, useful when 0 asked for any free port. */
    public int port() {
        return connector.getLocalPort();
    }

    public URI webSocketUri() {
        return URI.create("ws://localhost:" + port() + PATH);
    }

    public URI httpUri() {
        return URI.create("http://localhost:" + port() + "/");
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
