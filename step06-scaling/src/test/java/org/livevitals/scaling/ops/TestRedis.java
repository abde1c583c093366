package org.livevitals.scaling.ops;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import redis.embedded.RedisServer;

/**
 * A real Redis (the one embedded-redis ships) on a free port, and a Lettuce connection to it set up as a
 * node's would be: a command fails at once while Redis is down, and waits at most {@link #COMMAND_TIMEOUT}.
 * Stops both.
 */
final class TestRedis implements AutoCloseable {

    static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);

    private final RedisServer server;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    TestRedis() throws IOException {
        server = new RedisServer(freePort());
        server.start();
        client = RedisClient.create(RedisURI.create("localhost", server.ports().get(0)));
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
                .build());
        connection = client.connect();
    }

    /** "redis-server --port 0" means no TCP at all, so a free port is found first. */
    private static int freePort() throws IOException {
        try (ServerSocket probe = new ServerSocket(0)) {
            return probe.getLocalPort();
        }
    }

    StatefulRedisConnection<String, String> connection() {
        return connection;
    }

    @Override
    public void close() throws IOException {
        try {
            connection.close();
            client.shutdown();
        } finally {
            server.stop();
        }
    }
}
