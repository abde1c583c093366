package org.livevitals.scaling.ops;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import java.io.IOException;
import org.livevitals.scaling.EmbeddedRedis;
import org.livevitals.scaling.RedisBackplane;

/**
 * A real Redis on a free port ({@link EmbeddedRedis}), and a Lettuce connection to it set up as a node's
 * backplane sets up its own: a command fails at once while Redis is down, and waits at most
 * {@link RedisBackplane#COMMAND_TIMEOUT}. Stops both.
 */
final class TestRedis implements AutoCloseable {

    private final EmbeddedRedis server;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;

    TestRedis() throws IOException {
        server = EmbeddedRedis.startOnFreePort();
        client = RedisClient.create(RedisURI.create(server.uri()));
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .timeoutOptions(TimeoutOptions.enabled(RedisBackplane.COMMAND_TIMEOUT))
                .build());
        connection = client.connect();
    }

    StatefulRedisConnection<String, String> connection() {
        return connection;
    }

    @Override
    public void close() {
        try {
            connection.close();
            client.shutdown();
        } finally {
            server.close();
        }
    }
}
