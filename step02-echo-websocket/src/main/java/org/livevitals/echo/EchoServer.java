package org.livevitals.echo;

import java.net.URI;
import java.time.Duration;
import org.livevitals.rawsockets.PortInUseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Lab 2 server: a WebSocket echo endpoint on {@value #PATH} and a small browser page on
 * {@code /}, on the Jetty setup every later lab reuses ({@link WebSocketServer}).
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

    private static final Logger log = LoggerFactory.getLogger(EchoServer.class);

    private final WebSocketServer server;

    public EchoServer(int port, Duration idleTimeout, CloseListener closes) {
        server = WebSocketServer.on(port)
                .webSocket(PATH, new WebSocketServer.Limits(idleTimeout, MAX_TEXT_MESSAGE_BYTES, MAX_QUEUED_FRAMES),
                        (request, response, callback) -> new EchoEndpoint(closes))
                .staticFiles("webroot/echo/")
                .build();
    }

    /** An echo server with the default idle timeout; call {@link #start()} next. */
    public static EchoServer newServer(int port) {
        return new EchoServer(port, DEFAULT_IDLE_TIMEOUT,
                (client, code, reason) -> { }); // EchoEndpoint already logs each close
    }

    /**
     * Starts listening; a failed start leaves nothing running.
     *
     * @throws PortInUseException when another program holds the port
     */
    public EchoServer start() throws Exception {
        server.start();
        log.info("echo server on {} (WebSocket: {})", httpUri(), webSocketUri());
        return this;
    }

    /** The port actually bound, useful when 0 asked for any free port. */
    public int port() {
        return server.port();
    }

    public URI webSocketUri() {
        return server.webSocketUri();
    }

    public URI httpUri() {
        return server.httpUri();
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
