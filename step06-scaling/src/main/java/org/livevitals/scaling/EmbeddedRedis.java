package org.livevitals.scaling;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import redis.embedded.RedisServer;

/**
 * A real Redis server, from a Maven jar: the cluster's backplane with nothing to install.
 *
 * <p>{@code com.github.codemonstur:embedded-redis} ships a {@code redis-server} binary and runs it as a
 * child process on loopback. It keeps nothing on disk (no snapshot, no append-only file): stopping it
 * loses the stream and the counters, which is what the lab's "Redis restarted" failure mode is about.
 */
public final class EmbeddedRedis implements AutoCloseable {

    private final int port;
    private final RedisServer server;

    private EmbeddedRedis(int port) throws IOException {
        this.port = port;
        this.server = RedisServer.newRedisServer()
                .port(port)
                .bind("127.0.0.1")
                .setting("save \"\"")       // no snapshots: a restart starts empty
                .setting("appendonly no")
                .build();
    }

    /** Starts Redis on {@code port} (6379 is Redis's usual one). */
    public static EmbeddedRedis start(int port) throws IOException {
        EmbeddedRedis redis = new EmbeddedRedis(port);
        redis.start();
        return redis;
    }

    /** Starts Redis on a port nobody uses now (tests). */
    public static EmbeddedRedis startOnFreePort() throws IOException {
        return start(freePort());
    }

    /** Starts it again on the same port, empty, after {@link #stop()}. */
    public void start() throws IOException {
        server.start();
    }

    /** Stops the server process; {@link #start()} brings up an empty one on the same port. */
    public void stop() {
        try {
            server.stop();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public int port() {
        return port;
    }

    public String uri() {
        return "redis://127.0.0.1:" + port;
    }

    public boolean isActive() {
        return server.isActive();
    }

    /** Redis's {@code --port 0} means "no TCP at all", so a free port is found first. */
    static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    @Override
    public void close() {
        if (server.isActive()) {
            stop();
        }
    }
}
