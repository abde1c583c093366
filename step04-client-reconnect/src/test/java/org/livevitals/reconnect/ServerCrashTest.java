package org.livevitals.reconnect;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.livevitals.testkit.ChildJvm;
import org.livevitals.testkit.Scenario;

/**
 * A crash is a crash: Lab 4's server runs as a child process and is killed with SIGKILL, so it closes
 * nothing politely. Its clients see what the kernel does for a killed process: every connection
 * reset at once, no close frame.
 */
class ServerCrashTest {

    private static final int CLIENTS = 3;
    private static final Duration HEARTBEAT = Duration.ofMillis(200);
    /** The documented window: silence for 3 heartbeats (a kill is usually seen at once, by the reset). */
    private static final Duration SILENCE_WINDOW = HEARTBEAT.multipliedBy(ReconnectingClient.MISSED_HEARTBEATS);
    /** Room for a busy machine to run the callbacks: the window is a bound on detection, not on scheduling. */
    private static final Duration SCHEDULING_SLACK = Duration.ofSeconds(2);
    private static final Duration START_TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern READY = Pattern.compile("Dashboard: open http://localhost:(\\d+)/ in a browser");

    /** The Lab 4 server program, as a learner starts it, on {@code port} (0 for any), with a fast feed and heartbeat. */
    private static ChildJvm startServer(int port) {
        return ChildJvm.start("lab4-server", Main.class, List.of("server", "--port", String.valueOf(port),
                "--device-port", "0", "--patients", "2", "--interval-ms", "50", "--heartbeat-ms", String.valueOf(HEARTBEAT.toMillis())),
                READY, START_TIMEOUT);
    }

    private static int port(ChildJvm server) {
        return Integer.parseInt(server.readyMatch().group(1));
    }

    private static List<RecordedClient> connectAll(ClientFixture fixture, int port) {
        URI url = URI.create("ws://localhost:" + port + "/ws");
        List<RecordedClient> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            RecordedClient client = fixture.start("client-" + i, url);
            client.expect(StreamEvent.Snapshot.class);
            client.expect(StreamEvent.Reading.class);
            clients.add(client);
        }
        return clients;
    }

    @Test
    @Scenario("L4-01")
    void everyClientReportsTheCrashWithinTheSilenceWindow() throws Exception {
        try (ChildJvm server = startServer(0); ClientFixture fixture = new ClientFixture()) {
            List<RecordedClient> clients = connectAll(fixture, port(server));

            long killed = System.nanoTime();
            server.kill();

            for (RecordedClient client : clients) {
                client.expect(StreamEvent.Disconnected.class);
                assertThat(Duration.ofNanos(client.timeOfLast() - killed)).as("[%s] time from the kill to the disconnect", client.name)
                        .isLessThanOrEqualTo(SILENCE_WINDOW.plus(SCHEDULING_SLACK));
                client.expect(StreamEvent.Reconnecting.class);
                assertThat(client.client.state()).isIn(ReconnectingClient.State.RECONNECTING, ReconnectingClient.State.CONNECTING);
            }
        }
    }

    @Test
    @Scenario("L4-02")
    void afterARestartEveryClientReconnectsOnItsOwn() throws Exception {
        try (ClientFixture fixture = new ClientFixture()) {
            ChildJvm first = startServer(0);
            int port = port(first);
            List<RecordedClient> clients;
            List<String> oldEpochs = new ArrayList<>();
            try (first) {
                clients = connectAll(fixture, port);
                clients.forEach(client -> oldEpochs.add(client.client.epoch()));
                first.kill();
                clients.forEach(client -> client.expect(StreamEvent.Disconnected.class));
            }

            try (ChildJvm second = startServer(port)) {
                for (int i = 0; i < CLIENTS; i++) {
                    RecordedClient client = clients.get(i);
                    client.expect(StreamEvent.Opened.class);
                    client.expect(StreamEvent.NotResumed.class);
                    StreamEvent.Snapshot fresh = client.expect(StreamEvent.Snapshot.class);
                    assertThat(fresh.epoch()).as("[%s] the restarted server's epoch", client.name).isNotEqualTo(oldEpochs.get(i));
                    StreamEvent.Reading next = client.expect(StreamEvent.Reading.class);
                    assertThat(next.seq()).as("[%s] first reading of the new server", client.name).isGreaterThan(fresh.seq());
                    assertThat(client.client.state()).isEqualTo(ReconnectingClient.State.OPEN);
                }
            }
        }
    }
}
