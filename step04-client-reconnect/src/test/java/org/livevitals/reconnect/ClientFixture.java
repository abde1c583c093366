package org.livevitals.reconnect;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.random.RandomGenerator;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/** Reconnecting clients for one test: one Jetty client and one timer shared by all, all closed at the end. */
final class ClientFixture implements AutoCloseable {

    /** Quick retries, so a test sees several in a second or two. */
    static final Backoff QUICK = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), Backoff.Jitter.FULL);

    private final WebSocketClient jetty = new WebSocketClient();
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(2);
    private final List<RecordedClient> clients = new ArrayList<>();

    ClientFixture() throws Exception {
        jetty.setMaxTextMessageSize(ReconnectingClient.MAX_MESSAGE_BYTES);
        jetty.start();
    }

    RecordedClient start(String name, URI url) {
        return start(name, List.of(url), QUICK, ReconnectingClient.DEFAULT_STABLE_AFTER);
    }

    RecordedClient start(String name, List<URI> urls, Backoff backoff, Duration stableAfter) {
        RecordedClient client = new RecordedClient(name, jetty, timer, urls, backoff, stableAfter, RandomGenerator.getDefault());
        clients.add(client);
        client.client.start();
        return client;
    }

    @Override
    public void close() throws Exception {
        clients.forEach(RecordedClient::close);
        timer.shutdownNow();
        jetty.stop();
    }
}
