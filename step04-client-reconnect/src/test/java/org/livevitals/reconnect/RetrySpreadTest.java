package org.livevitals.reconnect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.livevitals.broadcast.MonitorServer;
import org.livevitals.broadcast.MonitorSettings;
import org.livevitals.testkit.Scenario;

/**
 * L4-03: when many clients lose their server together, when do their retries come? Measured from
 * each client's own loss, so that the order in which the server closed them does not count.
 */
class RetrySpreadTest {

    private static final int CLIENTS = 50;
    /** Retries per client: 100, 200, 400 and 800 ms apart without jitter, 1.5 s in all. */
    private static final int RETRIES = 4;
    private static final Backoff WITHOUT_JITTER = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1600), Backoff.Jitter.NONE);
    private static final Backoff WITH_JITTER = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1600), Backoff.Jitter.FULL);
    /** Without jitter, the middle 80 % of the last retries come this close together: a herd. */
    private static final Duration HERD_WIDTH = Duration.ofMillis(100);
    /** With full jitter they spread over more than this (about 690 ms expected: four uniform waits added up). */
    private static final Duration SPREAD_WIDTH = Duration.ofMillis(300);

    /** When each client's last retry came, in ms after it lost the server. */
    private static List<Long> lastRetryTimes(Backoff backoff) throws Exception {
        MonitorServer server = ResumeServer.newServer(MonitorSettings.forTests(), ResumeSettings.forTests(),
                Clock.systemUTC()).start();
        try (ClientFixture fixture = new ClientFixture()) {
            List<RecordedClient> clients = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                clients.add(fixture.start("client-" + i, List.of(server.webSocketUri()), backoff,
                        ReconnectingClient.DEFAULT_STABLE_AFTER));
            }
            clients.forEach(client -> client.expect(StreamEvent.Snapshot.class));
            server.close(); // every client loses it; the port then refuses every attempt
            List<Long> times = new ArrayList<>();
            for (RecordedClient client : clients) {
                client.expect(StreamEvent.Disconnected.class);
                long lost = client.timeOfLast();
                for (int retry = 1; retry <= RETRIES; retry++) {
                    client.expect(StreamEvent.Connecting.class);
                }
                times.add(Duration.ofNanos(client.timeOfLast() - lost).toMillis());
            }
            return times;
        } finally {
            server.close();
        }
    }

    /** How far apart the middle 80 % are: the 10th to the 90th percentile, so one stray client does not count. */
    private static Duration middleWidth(List<Long> times) {
        List<Long> sorted = times.stream().sorted().toList();
        return Duration.ofMillis(sorted.get(sorted.size() * 9 / 10) - sorted.get(sorted.size() / 10));
    }

    @Test
    @Scenario("L4-03")
    void reconnectAttemptsOfManyClientsAreSpreadOutByJitter() throws Exception {
        List<Long> herd = lastRetryTimes(WITHOUT_JITTER);
        List<Long> spread = lastRetryTimes(WITH_JITTER);

        assertThat(middleWidth(herd)).as("without jitter, the middle 80 %% of the last retries, ms after the loss: %s", herd)
                .isLessThan(HERD_WIDTH);
        assertThat(middleWidth(spread)).as("with full jitter, the middle 80 %% of the last retries, ms after the loss: %s", spread)
                .isGreaterThan(SPREAD_WIDTH);
    }
}
