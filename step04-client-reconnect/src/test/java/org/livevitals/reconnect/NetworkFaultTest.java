package org.livevitals.reconnect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.livevitals.broadcast.MonitorServer;
import org.livevitals.broadcast.MonitorSettings;
import org.livevitals.testkit.Scenario;
import org.livevitals.testkit.TcpFaultProxy;

/** Network faults between clients and a live server, made by a proxy: a cut, and a half-open connection. */
class NetworkFaultTest {

    /** A reading every 20 ms, so an outage of a fraction of a second misses a handful. */
    private static final Duration FEED_INTERVAL = Duration.ofMillis(20);
    /** Readings published while the clients are away, at least. */
    private static final int MISSED_AT_LEAST = 10;
    /** Readings a client must receive after it is back, to show the stream goes on. */
    private static final int AFTER_RESUME = 10;
    private static final ResumeSettings FAST = ResumeSettings.forTests();
    private static final Duration SILENCE_WINDOW = FAST.heartbeatInterval().multipliedBy(ReconnectingClient.MISSED_HEARTBEATS);
    private static final Duration SCHEDULING_SLACK = Duration.ofSeconds(2);

    private MonitorServer server;
    private TcpFaultProxy proxy;
    private ClientFixture fixture;

    @BeforeEach
    void start() throws Exception {
        server = ResumeServer.newServer(MonitorSettings.forTests().withSimulatedPatients(1, FEED_INTERVAL), FAST,
                Clock.systemUTC()).start();
        proxy = TcpFaultProxy.start(new InetSocketAddress("127.0.0.1", server.port()));
        fixture = new ClientFixture();
    }

    @AfterEach
    void stop() throws Exception {
        fixture.close();
        proxy.close();
        server.close();
    }

    private URI throughProxy() {
        return URI.create("ws://127.0.0.1:" + proxy.port() + MonitorServer.WEBSOCKET_PATH);
    }

    private long latestSeq() {
        return ((ResumableStream) server.stream()).history().latestSeq();
    }

    private void awaitPublished(long seq) {
        await("the server to publish up to seq " + seq).atMost(RecordedClient.PATIENCE).until(() -> latestSeq() >= seq);
    }

    /** Every reading from the first after the client's first snapshot to its last, each once and in order. */
    private static void assertContiguous(RecordedClient client) {
        long from = client.all(StreamEvent.Snapshot.class).get(0).seq() + 1;
        List<Long> seqs = client.readingSeqs();
        long to = seqs.get(seqs.size() - 1);
        assertThat(seqs).as("[%s] sequence numbers delivered", client.name)
                .containsExactlyElementsOf(LongStream.rangeClosed(from, to).boxed().toList());
    }

    @Test
    @Scenario("L4-04")
    void afterACutEveryClientResumesWithNothingMissingOrDuplicated() {
        List<RecordedClient> clients = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            RecordedClient client = fixture.start("client-" + i, throughProxy());
            long start = client.expect(StreamEvent.Snapshot.class).seq();
            client.expect(StreamEvent.Reading.class, "a few readings", reading -> reading.seq() >= start + 3);
            clients.add(client);
        }

        proxy.cut();
        clients.forEach(client -> client.expect(StreamEvent.Disconnected.class));
        awaitPublished(latestSeq() + MISSED_AT_LEAST);
        proxy.restore();

        long goal = latestSeq() + AFTER_RESUME;
        for (RecordedClient client : clients) {
            StreamEvent.Resumed resumed = client.expect(StreamEvent.Resumed.class);
            assertThat(resumed.missed()).as("[%s] readings replayed", client.name).isGreaterThanOrEqualTo(MISSED_AT_LEAST);
            client.expect(StreamEvent.Reading.class, "seq " + goal, reading -> reading.seq() >= goal);
            assertContiguous(client);
        }
    }

    @Test
    @Scenario("L4-05")
    void aHalfOpenConnectionIsFoundByTheHeartbeatAndReplaced() {
        RecordedClient client = fixture.start("client", throughProxy());
        long start = client.expect(StreamEvent.Snapshot.class).seq();
        client.expect(StreamEvent.Reading.class, "a few readings", reading -> reading.seq() >= start + 3);

        long blackholed = System.nanoTime();
        proxy.blackhole(); // nothing moves either way, and neither end is told

        StreamEvent.Disconnected lost = client.expect(StreamEvent.Disconnected.class);
        assertThat(lost.reason()).as("why the client cut it").startsWith("silent for");
        assertThat(Duration.ofNanos(client.timeOfLast() - blackholed)).as("time from the blackhole to the client's verdict")
                .isLessThanOrEqualTo(SILENCE_WINDOW.plus(SCHEDULING_SLACK));
        await("the server to cut the half-open session after its pong window")
                .atMost(FAST.pongWindow().plus(RecordedClient.PATIENCE)).until(() -> server.sessions().size() == 0);

        proxy.restore();
        client.expect(StreamEvent.Opened.class);
        StreamEvent.Resumed resumed = client.expect(StreamEvent.Resumed.class);
        assertThat(resumed.missed()).as("readings published while the connection hung").isPositive();
        long goal = latestSeq() + AFTER_RESUME;
        client.expect(StreamEvent.Reading.class, "seq " + goal, reading -> reading.seq() >= goal);
        assertContiguous(client);
    }
}
