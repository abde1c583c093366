package org.livevitals.reconnect;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.livevitals.broadcast.MonitorServer;
import org.livevitals.broadcast.MonitorSettings;
import org.livevitals.broadcast.QueryParameters;
import org.livevitals.echo.RawWebSocket;
import org.livevitals.testkit.RawHttp;
import org.livevitals.testkit.Scenario;
import org.livevitals.testkit.WebSocketRecorder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Lab 4's resume protocol on the wire: what a (re)connecting dashboard is sent first, and what a silent one gets. */
class ResumeProtocolTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    /** Heartbeats a minute apart: these scenarios read the stream message by message, with no beat in between. */
    private static final ResumeSettings QUIET = ResumeSettings.withHeartbeat(ResumeSettings.DEFAULT_HISTORY_SIZE, Duration.ofMinutes(1));
    /** L4-06: a history this small is outrun by {@link #PUBLISHED_WHILE_AWAY} readings. */
    private static final int SMALL_HISTORY = 5;
    private static final int PUBLISHED_WHILE_AWAY = 20;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final WebSocketClient client = new WebSocketClient();
    private MonitorServer server;

    @BeforeEach
    void startClient() throws Exception {
        client.start();
    }

    @AfterEach
    void stop() throws Exception {
        client.stop();
        if (server != null) {
            server.close();
        }
    }

    private MonitorServer start(ResumeSettings resume) throws Exception {
        server = ResumeServer.newServer(MonitorSettings.forTests(), resume, Clock.systemUTC()).start();
        return server;
    }

    private WebSocketRecorder connect(MonitorServer to, String name, String query) throws Exception {
        WebSocketRecorder dashboard = new WebSocketRecorder(name);
        client.connect(dashboard, URI.create(to.webSocketUri() + query)).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        dashboard.assertOpen();
        return dashboard;
    }

    /** The next message that is not a heartbeat. */
    private static JsonNode next(WebSocketRecorder dashboard) {
        JsonNode message;
        do {
            message = JSON.readTree(dashboard.nextText());
        } while (message.path("type").asString().equals("heartbeat"));
        return message;
    }

    private static JsonNode nextOfType(WebSocketRecorder dashboard, String type) {
        JsonNode message = next(dashboard);
        assertThat(message.path("type").asString()).as("type of %s", message).isEqualTo(type);
        return message;
    }

    private static void publish(MonitorServer server, int count, int firstPulse) {
        for (int i = 0; i < count; i++) {
            server.stream().onReading(Readings.reading("P001", firstPulse + i));
        }
    }

    /**
     * Awaits readings {@code fromSeq} to {@code toSeq}, in order. Readings numbered below {@code fromSeq}
     * are skipped: a reading handed to the fan-out just before a dashboard joined may follow its first
     * message, and the protocol has clients ignore a number they already have.
     */
    private static void assertReadings(WebSocketRecorder dashboard, long fromSeq, long toSeq) {
        for (long seq = fromSeq; seq <= toSeq; seq++) {
            JsonNode reading;
            do {
                reading = nextOfType(dashboard, "reading");
            } while (reading.path("seq").asLong() < fromSeq);
            assertThat(reading.path("seq").asLong()).as("seq of %s", reading).isEqualTo(seq);
        }
    }

    @Test
    void aFirstConnectionGetsASnapshotWithTheEpochAndTheLatestSeq() throws Exception {
        start(QUIET);
        publish(server, 3, 70);
        JsonNode snapshot = nextOfType(connect(server, "first", ""), "snapshot");
        assertThat(snapshot.path("seq").asLong()).isEqualTo(3);
        assertThat(snapshot.path("epoch").asString()).matches("[0-9a-f]{16}");
        assertThat(snapshot.path("heartbeatMs").asLong()).isEqualTo(QUIET.heartbeatInterval().toMillis());
        assertThat(snapshot.path("readings").get(0).path("vitals").path("heartRate").path("value").asInt()).isEqualTo(72);
    }

    @Test
    void aResumeFromTheOldestKeptReadingReplaysEveryOneInOrder() throws Exception {
        start(QUIET.withHistorySize(SMALL_HISTORY));
        String epoch = nextOfType(connect(server, "first", ""), "snapshot").path("epoch").asString();
        publish(server, PUBLISHED_WHILE_AWAY, 60);
        long lastSeen = PUBLISHED_WHILE_AWAY - SMALL_HISTORY; // the reading just before the oldest kept

        JsonNode recovery = nextOfType(connect(server, "back", "?epoch=" + epoch + "&lastSeq=" + lastSeen), "recovery");

        assertThat(recovery.path("recovered").asBoolean()).isTrue();
        assertThat(recovery.path("seq").asLong()).isEqualTo(PUBLISHED_WHILE_AWAY);
        assertThat(recovery.path("missed").valueStream().map(reading -> reading.path("seq").asLong()))
                .containsExactlyElementsOf(LongStream.rangeClosed(lastSeen + 1, PUBLISHED_WHILE_AWAY).boxed().toList());
    }

    @Test
    @Scenario("L4-06")
    void aGapOlderThanTheHistoryIsToldAndAnsweredWithASnapshot() throws Exception {
        start(QUIET.withHistorySize(SMALL_HISTORY));
        WebSocketRecorder away = connect(server, "away", "");
        String epoch = nextOfType(away, "snapshot").path("epoch").asString();
        publish(server, 3, 60);
        assertReadings(away, 1, 3);
        away.session().disconnect(); // cut off after seq 3
        publish(server, PUBLISHED_WHILE_AWAY, 70);

        WebSocketRecorder back = connect(server, "back", "?epoch=" + epoch + "&lastSeq=3");

        JsonNode recovery = nextOfType(back, "recovery");
        assertThat(recovery.path("recovered").asBoolean()).as("recovered in %s", recovery).isFalse();
        assertThat(recovery.path("reason").asString())
                .isEqualTo("the readings after 3 are no longer kept: the history holds the last " + SMALL_HISTORY);
        JsonNode snapshot = nextOfType(back, "snapshot");
        long latest = 3 + PUBLISHED_WHILE_AWAY;
        assertThat(snapshot.path("epoch").asString()).isEqualTo(epoch);
        assertThat(snapshot.path("seq").asLong()).isEqualTo(latest);
        assertThat(snapshot.path("readings").get(0).path("vitals").path("heartRate").path("value").asInt())
                .isEqualTo(70 + PUBLISHED_WHILE_AWAY - 1);
        publish(server, 1, 99);
        assertReadings(back, latest + 1, latest + 1);
    }

    @Test
    @Scenario("L4-07")
    void aNewEpochIsDetectedAndNumbersOfTheOldOneAreNeverTakenForTheNew() throws Exception {
        MonitorServer before = start(QUIET);
        MonitorServer after = ResumeServer.newServer(MonitorSettings.forTests(), QUIET, Clock.systemUTC()).start();
        try (ClientFixture clients = new ClientFixture(); after) {
            RecordedClient dashboard = clients.start("dashboard",
                    List.of(before.webSocketUri(), after.webSocketUri()), ClientFixture.QUICK, ReconnectingClient.DEFAULT_STABLE_AFTER);
            String oldEpoch = dashboard.expect(StreamEvent.Snapshot.class).epoch();
            publish(before, 5, 60);
            dashboard.expect(StreamEvent.Reading.class, "seq 5 of the first epoch", reading -> reading.seq() == 5);
            publish(after, 7, 80); // the restarted server is already further on than seq 5

            before.close(); // the client moves on to the next URL: another server, another epoch

            StreamEvent.NotResumed refused = dashboard.expect(StreamEvent.NotResumed.class);
            assertThat(refused.reason()).startsWith("epoch " + oldEpoch + " is not this stream's (");
            StreamEvent.Snapshot fresh = dashboard.expect(StreamEvent.Snapshot.class);
            assertThat(fresh.epoch()).isNotEqualTo(oldEpoch).isEqualTo(after.stream() instanceof ResumableStream s ? s.history().epoch() : null);
            assertThat(fresh.seq()).isEqualTo(7);
            publish(after, 1, 99);
            StreamEvent.Reading next = dashboard.expect(StreamEvent.Reading.class);
            assertThat(next.seq()).isEqualTo(8);
            assertThat(dashboard.readingSeqs()).as("readings delivered: seq 6 and 7 of the new epoch are never delivered as if continuing the old one")
                    .containsExactly(1L, 2L, 3L, 4L, 5L, 8L);
            assertThat(dashboard.client.epoch()).isEqualTo(fresh.epoch());
        }
    }

    /** Resume queries that cannot be honoured: the query, the type of the first message, and its reason. */
    static Stream<Arguments> badResumes() {
        String number = "a whole number from 0, in decimal";
        return Stream.of(
                Arguments.of("?epoch={epoch}&lastSeq=abc", "error", "lastSeq \"abc\" is not a sequence number: " + number),
                Arguments.of("?epoch={epoch}&lastSeq=-1", "error", "lastSeq \"-1\" is not a sequence number: " + number),
                Arguments.of("?epoch={epoch}&lastSeq=1e3", "error", "lastSeq \"1e3\" is not a sequence number: " + number),
                Arguments.of("?epoch={epoch}&lastSeq=12345678901234567890", "error",
                        "lastSeq \"12345678901234567890\" is not a sequence number: " + number),
                Arguments.of("?epoch=not%20one&lastSeq=1", "error",
                        "epoch \"not one\" is not an epoch: up to 64 letters, digits, - or _"),
                Arguments.of("?epoch=%1B%5B2J&lastSeq=1", "error",
                        "epoch \"\\u001B[2J\" is not an epoch: up to 64 letters, digits, - or _"),
                Arguments.of("?lastSeq=1", "error", "to resume, send epoch and lastSeq once each"),
                Arguments.of("?epoch={epoch}&lastSeq=1&lastSeq=2", "error", "to resume, send epoch and lastSeq once each"),
                Arguments.of("?epoch={epoch}&lastSeq=999", "recovery", "lastSeq 999 is ahead of the stream, which is at 2"),
                Arguments.of("?epoch=0123456789abcdef&lastSeq=1", "recovery",
                        "epoch 0123456789abcdef is not this stream's ({epoch}): the server restarted and its numbers started again"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badResumes")
    @Scenario("L4-10")
    void aResumeThatCannotBeHonouredGetsAReasonAndASnapshotAndTheSessionCarriesOn(String query, String type,
            String reason) throws Exception {
        start(QUIET);
        WebSocketRecorder other = connect(server, "other", "");
        String epoch = nextOfType(other, "snapshot").path("epoch").asString();
        publish(server, 2, 60);
        assertReadings(other, 1, 2);

        WebSocketRecorder asking = connect(server, "asking", query.replace("{epoch}", epoch));

        JsonNode answer = nextOfType(asking, type);
        assertThat(answer.path("reason").asString()).isEqualTo(reason.replace("{epoch}", epoch));
        if (type.equals("recovery")) {
            assertThat(answer.path("recovered").asBoolean()).isFalse();
        }
        JsonNode snapshot = nextOfType(asking, "snapshot");
        assertThat(snapshot.path("epoch").asString()).isEqualTo(epoch);
        assertThat(snapshot.path("seq").asLong()).isEqualTo(2);
        publish(server, 1, 99);
        assertReadings(asking, 3, 3);
        assertReadings(other, 3, 3);
    }

    @Test
    void aUrlWhoseQueryCannotBeDecodedIsRefusedBeforeTheUpgradeWithTheErrorObjectAndTheOthersGoOn() throws Exception {
        start(QUIET);
        WebSocketRecorder other = connect(server, "other", "");
        nextOfType(other, "snapshot");

        // Java's URI cannot carry a broken % escape: Lab 2's hand-made client sends the URL as written.
        for (String query : List.of("?epoch=abc&lastSeq=%zz", "?lastSeq=%", "?epoch=%ff&lastSeq=1")) {
            String url = MonitorServer.WEBSOCKET_PATH + query;
            assertThatThrownBy(() -> RawWebSocket.connect("localhost", server.port(), url, line -> { }))
                    .as("a handshake to %s", url)
                    .isInstanceOfSatisfying(RawWebSocket.HandshakeRefusedException.class, refused ->
                            new RawHttp.Answer(url, refused.handshake().status(), refused.handshake().headers(), refused.body())
                                    .assertJsonError(400, QueryParameters.UNREADABLE));
        }
        publish(server, 1, 60);
        assertReadings(other, 1, 1);
    }

    @Test
    @Scenario("L4-14")
    void aDashboardThatIsSentReadingsIsSparedTheHeartbeatMessageAndGetsItAgainOnceTheWardIsQuiet() throws Exception {
        ResumeSettings beatEvery400Ms = ResumeSettings.withHeartbeat(ResumeSettings.DEFAULT_HISTORY_SIZE, Duration.ofMillis(400));
        start(beatEvery400Ms);
        WebSocketRecorder dashboard = connect(server, "busy", "");
        nextOfType(dashboard, "snapshot");

        // Readings one after another, each awaited, for eight heartbeat intervals (the pings go on).
        int heartbeats = 0;
        long busyUntil = System.nanoTime() + beatEvery400Ms.heartbeatInterval().multipliedBy(8).toNanos();
        for (int i = 0; System.nanoTime() < busyUntil; i++) {
            server.stream().onReading(Readings.reading("P001", 60 + i % 40));
            JsonNode message;
            while ((message = JSON.readTree(dashboard.nextTextAfterPings())).path("type").asString().equals("heartbeat")) {
                heartbeats++;
            }
            assertThat(message.path("type").asString()).isEqualTo("reading");
        }
        assertThat(heartbeats).as("heartbeat messages among eight intervals of readings (its first beat's, and one a stall may let through)")
                .isLessThanOrEqualTo(2);

        assertThat(JSON.readTree(dashboard.nextTextAfterPings()).path("type").asString())
                .as("the first message once the readings stop").isEqualTo("heartbeat");
    }

    @Test
    @Scenario("L4-12")
    void aDashboardThatStopsAnsweringPingsIsCutWithinThePongWindow() throws Exception {
        ResumeSettings fast = ResumeSettings.forTests();
        start(fast);
        try (ClientFixture clients = new ClientFixture();
                // Lab 2's hand-made client does the handshake and then nothing: it never reads, so it never pongs.
                RawWebSocket silent = RawWebSocket.connect("localhost", server.port(), MonitorServer.WEBSOCKET_PATH, line -> { })) {
            RecordedClient healthy = clients.start("healthy", server.webSocketUri()); // Jetty answers every ping
            healthy.expect(StreamEvent.Snapshot.class);
            await("both dashboards to be open").atMost(PATIENCE).until(() -> server.sessions().size() == 2);
            long start = System.nanoTime();

            await("the server to cut the silent dashboard").atMost(fast.pongWindow().plus(PATIENCE))
                    .until(() -> server.sessions().size() == 1);

            assertThat(Duration.ofNanos(System.nanoTime() - start))
                    .as("time to cut: not before the pong window, less the beat it is checked on")
                    .isGreaterThanOrEqualTo(fast.pongWindow().minus(fast.heartbeatInterval()));
            publish(server, 3, 60);
            healthy.expect(StreamEvent.Reading.class, "seq 3", reading -> reading.seq() == 3);
            assertThat(healthy.readingSeqs()).containsExactly(1L, 2L, 3L);
            assertThat(healthy.all(StreamEvent.Disconnected.class)).as("the healthy dashboard's losses").isEmpty();
        }
    }
}
