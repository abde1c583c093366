package org.livevitals.echo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A storm of connecting clients, as after a restart: every one is served, and Jetty's pool stays within
 * {@link WebSocketServer#MAX_POOL_THREADS} (with Jetty's default of 200, these 400 connections grew it to 96 and 138
 * threads in two runs on two cores).
 */
class ConnectionStormTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final WebSocketServer.Limits LIMITS =
            new WebSocketServer.Limits(Duration.ofSeconds(30), 64 * 1024, 64);
    /** Clients connecting at once, each opening {@link #CONNECTIONS_EACH} connections one after another. */
    private static final int CLIENTS = 100;
    private static final int CONNECTIONS_EACH = 4;

    /** Every connection the moment it opens, so that none is left open whatever happens. */
    private final List<RawWebSocket> connections = Collections.synchronizedList(new ArrayList<>());
    private final ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    private WebSocketServer server;

    @BeforeEach
    void start() throws Exception {
        server = WebSocketServer.on(0)
                .acceptQueue(CLIENTS * CONNECTIONS_EACH)
                .webSocket("/ws", LIMITS, (request, response, callback) -> new EchoEndpoint((client, code, reason) -> { }))
                .build()
                .start();
    }

    @AfterEach
    void stop() throws Exception {
        clients.shutdownNow();
        clients.awaitTermination(PATIENCE.toSeconds(), TimeUnit.SECONDS); // a connect under way is not interruptible
        synchronized (connections) {
            for (RawWebSocket connection : connections) {
                connection.close();
            }
        }
        server.close();
    }

    @Test
    void theServersPoolHasItsBound() {
        assertThat(server.maxPoolThreads()).isEqualTo(WebSocketServer.MAX_POOL_THREADS);
    }

    @Test
    void aStormOfConnectionsIsServedWithinThePoolsBound() throws Exception {
        List<Future<?>> opened = new ArrayList<>();
        for (int client = 0; client < CLIENTS; client++) {
            opened.add(clients.submit(() -> {
                for (int i = 0; i < CONNECTIONS_EACH; i++) {
                    connections.add(RawWebSocket.connect("localhost", server.port(), "/ws", line -> { }));
                }
                return null;
            }));
        }
        for (Future<?> client : opened) {
            client.get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }

        assertThat(connections).hasSize(CLIENTS * CONNECTIONS_EACH);
        assertThat(server.poolThreads()).as("threads in Jetty's pool after the storm")
                .isLessThanOrEqualTo(WebSocketServer.MAX_POOL_THREADS);
        RawWebSocket last = connections.get(connections.size() - 1);
        last.sendText("Patient P001: pulse 82");
        assertThat(last.readFrame().text()).isEqualTo("Patient P001: pulse 82");
    }
}
