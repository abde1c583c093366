package org.livevitals.reconnect;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.livevitals.broadcast.DashboardSessions;
import org.livevitals.broadcast.MonitorServer;
import org.livevitals.broadcast.MonitorSettings;
import org.livevitals.testkit.Scenario;

/** L4-09: outages that follow each other grow the backoff; a connection that stays up starts it again. */
class StableResetTest {

    private static final Duration STABLE_AFTER = Duration.ofMillis(600);
    /** Short waits without jitter, so each retry's number is exact and comes quickly. */
    private static final Backoff STEADY = new Backoff(Duration.ofMillis(50), Duration.ofMillis(400), Backoff.Jitter.NONE);

    /**
     * Cuts every dashboard's connection from the server's side, as a network fault would, once the
     * client's session has joined: the server sends a session its first message just before it joins
     * the broadcast, so a client can have its snapshot before the server lists its session.
     */
    static void cutEverySession(MonitorServer server) {
        await("the session to join").atMost(RecordedClient.PATIENCE).until(() -> server.sessions().size() == 1);
        DashboardSessions sessions = server.sessions();
        for (int lane = 0; lane < sessions.laneCount(); lane++) {
            sessions.forEachIn(lane, session -> session.disconnect());
        }
    }

    @Test
    @Scenario("L4-09")
    void aConnectionThatStaysUpResetsTheBackoff() throws Exception {
        try (MonitorServer server = ResumeServer.newServer(MonitorSettings.forTests(), ResumeSettings.forTests(),
                Clock.systemUTC()).start();
                ClientFixture clients = new ClientFixture()) {
            RecordedClient client = clients.start("client", List.of(server.webSocketUri()), STEADY, STABLE_AFTER);
            client.expect(StreamEvent.Snapshot.class);
            for (int retry = 1; retry <= 3; retry++) {
                cutEverySession(server); // at once after each reconnect: one outage going on
                int expected = retry;
                StreamEvent.Reconnecting next = client.expect(StreamEvent.Reconnecting.class, "retry " + expected,
                        reconnecting -> true);
                assertThat(next.attempt()).as("retry number after cut %d", retry).isEqualTo(expected);
                assertThat(next.delay()).isEqualTo(STEADY.delay(expected, null));
                client.expect(StreamEvent.Resumed.class);
            }

            await("the connection to stay up longer than stableAfter").during(STABLE_AFTER.multipliedBy(2))
                    .atMost(STABLE_AFTER.multipliedBy(2).plus(RecordedClient.PATIENCE))
                    .until(() -> client.client.state() == ReconnectingClient.State.OPEN);
            cutEverySession(server);

            StreamEvent.Reconnecting afterStable = client.expect(StreamEvent.Reconnecting.class);
            assertThat(afterStable.attempt()).as("the retry after a stable connection").isEqualTo(1);
        }
    }
}
