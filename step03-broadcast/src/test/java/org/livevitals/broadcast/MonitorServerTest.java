package org.livevitals.broadcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.livevitals.echo.RawWebSocket;
import org.livevitals.echo.WebSocketServer;
import org.livevitals.rawsockets.VitalSigns;
import org.livevitals.testkit.LineRecorder;
import org.livevitals.testkit.Scenario;
import org.livevitals.testkit.SlowBodies;
import org.livevitals.testkit.SlowChunkedPost;
import org.livevitals.testkit.WebSocketRecorder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Lab 3's scenarios for the broadcast server, with real WebSocket, HTTP and TCP clients. */
class MonitorServerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    /** L3-05: far more readings than loopback buffers and Jetty's queue hold, so eviction must come first. */
    private static final int SLOW_CLIENT_READING_LIMIT = 200_000;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    /** The server's clock: readings without a time get this one, and the time rule measures from it. */
    static final Instant NOW = Instant.parse("2026-11-22T10:16:00Z");

    private final WebSocketClient client = new WebSocketClient();
    private final HttpClient http = HttpClient.newHttpClient();
    private MonitorServer server;

    @BeforeEach
    void start() throws Exception {
        server = new MonitorServer(MonitorSettings.forTests(), Clock.fixed(NOW, ZoneOffset.UTC)).start();
        client.start();
    }

    @AfterEach
    void stop() throws Exception {
        client.stop();
        server.close();
    }

    static VitalSigns reading(String patient, int pulse) {
        return new VitalSigns(patient, Instant.parse("2026-11-22T10:15:30Z"), pulse, 97, 37.5, 120, 80, 16);
    }

    /** Connects a dashboard, named in failure messages, and checks the snapshot it gets first. */
    private WebSocketRecorder connectDashboard(String name) throws Exception {
        WebSocketRecorder dashboard = new WebSocketRecorder(name);
        client.connect(dashboard, server.webSocketUri()).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        dashboard.assertOpen();
        assertThat(type(dashboard.nextText())).as("first message on connect").isEqualTo("snapshot");
        return dashboard;
    }

    private static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    private static String type(String text) {
        return json(text).path("type").asString();
    }

    /** Awaits the next message and checks it is the reading for {@code patient} with {@code pulse}. */
    private static void assertReading(WebSocketRecorder dashboard, String patient, int pulse) {
        JsonNode message = json(dashboard.nextText());
        assertThat(message.path("type").asString()).as("message type in %s", message).isEqualTo("reading");
        assertThat(message.path("patient").asString()).as("patient in %s", message).isEqualTo(patient);
        assertThat(message.path("vitals").path("heartRate").path("value").asInt()).as("pulse in %s", message).isEqualTo(pulse);
    }

    private HttpResponse<String> post(String body) throws Exception {
        return post(body.getBytes(StandardCharsets.UTF_8));
    }

    private HttpResponse<String> post(byte[] body) throws Exception {
        return http.send(HttpRequest.newBuilder(server.httpUri().resolve("/api/readings")).timeout(PATIENCE)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    @Scenario("L3-01")
    void tenClientsAllReceiveTheSameReading() throws Exception {
        List<WebSocketRecorder> dashboards = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            dashboards.add(connectDashboard("dashboard-" + i));
        }

        server.broadcaster().publish(reading("P001", 82));

        List<String> received = new ArrayList<>();
        for (WebSocketRecorder dashboard : dashboards) {
            received.add(dashboard.nextText());
        }
        assertThat(received).as("what each of the 10 dashboards received").hasSize(10).containsOnly(received.get(0));
        assertThat(json(received.get(0)).path("vitals").path("heartRate"))
                .as("the pulse with its unit").hasToString("{\"value\":82,\"unit\":\"beats/min\"}");
        assertThat(json(received.get(0)).path("time").asString()).isEqualTo("2026-11-22T10:15:30Z");
    }

    @Test
    @Scenario("L3-02")
    void clientThatClosesIsRemovedAndTheOthersKeepReceiving() throws Exception {
        WebSocketRecorder leaving = connectDashboard("leaving");
        WebSocketRecorder staying = connectDashboard("staying");
        WebSocketRecorder alsoStaying = connectDashboard("alsoStaying");

        leaving.session().close(StatusCode.NORMAL, "shift over", Callback.NOOP);
        leaving.assertClosed(StatusCode.NORMAL);
        await("the server to remove the closed session").atMost(PATIENCE).until(() -> server.sessions().size() == 2);

        server.broadcaster().publish(reading("P002", 90));
        assertReading(staying, "P002", 90);
        assertReading(alsoStaying, "P002", 90);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badPackets")
    @Scenario("L3-03")
    void badPacketGetsAnErrorReplyAndTheConnectionCarriesOn(String packet, String expectedReason) throws Exception {
        WebSocketRecorder sender = connectDashboard("sender");
        WebSocketRecorder bystander = connectDashboard("bystander");

        sender.session().sendText(packet, Callback.NOOP);

        JsonNode error = json(sender.nextText());
        assertThat(error.path("type").asString()).as("reply to %s", packet).isEqualTo("error");
        assertThat(error.path("reason").asString()).as("reason given for %s", packet).isEqualTo(expectedReason);
        server.broadcaster().publish(reading("P003", 70));
        assertReading(sender, "P003", 70);
        assertReading(bystander, "P003", 70);
    }

    static Stream<Arguments> badPackets() {
        return Stream.of(
                Arguments.of("hello?", "not JSON: send an object such as {\"type\":\"get-snapshot\"}"),
                Arguments.of("[1,2,3]", "expected a JSON object with a \"type\""),
                Arguments.of("{\"patient\":\"P001\"}", "missing \"type\": every message needs one"),
                Arguments.of("{\"type\":42}", "missing \"type\": every message needs one"),
                Arguments.of("{\"type\":\"subscribe\"}", "unknown type \"subscribe\""),
                Arguments.of("{\"type\":\"get-snapshot\",\"patient\":\"P001\"}", "\"get-snapshot\" takes no other fields"));
    }

    @Test
    @Scenario("L3-04")
    void lateJoinerGetsTheSnapshotAtOnce() throws Exception {
        server.broadcaster().publish(reading("P002", 91));
        server.broadcaster().publish(reading("P001", 80));
        server.broadcaster().publish(reading("P001", 81)); // the newest of P001 counts

        WebSocketRecorder late = new WebSocketRecorder("late");
        client.connect(late, server.webSocketUri()).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        late.assertOpen();

        JsonNode snapshot = json(late.nextText());
        assertThat(snapshot.path("type").asString()).isEqualTo("snapshot");
        assertThat(snapshot.path("staleAfterMs").asLong()).isEqualTo(MonitorSettings.DEFAULT_STALE_AFTER.toMillis());
        assertThat(snapshot.path("readings").valueStream()
                .map(r -> r.path("patient").asString() + " " + r.path("vitals").path("heartRate").path("value").asInt()))
                .as("latest reading per patient in the snapshot").containsExactly("P001 81", "P002 91");
    }

    @Test
    @Scenario("L3-05")
    void slowClientIsEvictedAndTheOthersKeepEveryReading() throws Exception {
        WebSocketRecorder healthy = connectDashboard("healthy");
        // A client that does the handshake and then never reads: its TCP buffers fill, then Jetty's queue.
        try (RawWebSocket stuck = RawWebSocket.connect("localhost", server.port(), MonitorServer.WEBSOCKET_PATH, line -> { })) {
            await("both dashboards registered").atMost(PATIENCE).until(() -> server.sessions().size() == 2);

            int published = 0;
            while (server.sessions().size() == 2 && published < SLOW_CLIENT_READING_LIMIT) {
                server.broadcaster().publish(reading("P" + (published % 1000), 60 + published % 100));
                published++;
            }

            assertThat(server.sessions().size()).as("open sessions after %d readings", published).isEqualTo(1);
            for (int i = 0; i < published; i++) {
                assertReading(healthy, "P" + (i % 1000), 60 + i % 100);
            }
        }
    }

    @Test
    @Scenario("L3-06")
    void deviceLineOverTcpReachesWebSocketClients() throws Exception {
        WebSocketRecorder dashboard = connectDashboard("dashboard");

        try (LineRecorder device = LineRecorder.connect(server.devicePort())) {
            device.send("Patient=BED-7|Pulse=77|SpO2=96|Temperature=36.8|BP=118/76|Resp=15");
            device.assertLine("OK BED-7");
        }

        assertReading(dashboard, "BED-7", 77);
    }

    @Test
    @Scenario("L3-07")
    void postedReadingIsBroadcast() throws Exception {
        WebSocketRecorder dashboard = connectDashboard("dashboard");

        HttpResponse<String> response = post(
                "{\"patient\":\"P009\",\"heartRate\":88,\"spo2\":95,\"temperature\":38.1,\"systolic\":130,\"diastolic\":85,\"respiratoryRate\":18}");

        assertThat(response.statusCode()).as("status, body %s", response.body()).isEqualTo(202);
        assertReading(dashboard, "P009", 88);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidPosts")
    @Scenario("L3-08")
    void invalidPostGets400WithTheReasonAndBroadcastsNothing(String problem, byte[] body, String expectedReason) throws Exception {
        WebSocketRecorder dashboard = connectDashboard("dashboard");

        HttpResponse<String> response = post(body);

        assertThat(response.statusCode()).as("status for %s", problem).isEqualTo(400);
        assertThat(json(response.body()).path("reason").asString()).as("reason for %s", problem).isEqualTo(expectedReason);
        server.broadcaster().publish(reading("MARKER", 60));
        assertReading(dashboard, "MARKER", 60); // nothing was broadcast before it
    }

    static Stream<Arguments> invalidPosts() {
        String valid = "\"heartRate\":88,\"spo2\":95,\"temperature\":38.1,\"systolic\":130,\"diastolic\":85,\"respiratoryRate\":18}";
        String p009 = "{\"patient\":\"P009\",";
        String notAReading = "not a reading: expected a JSON object such as "
                + "{\"patient\":\"P001\",\"heartRate\":82,\"spo2\":97,\"temperature\":37.5,\"systolic\":120,\"diastolic\":80,\"respiratoryRate\":16}";
        return Stream.of(
                invalid("not JSON", "pulse=88", notAReading),
                invalid("a missing field", "{\"patient\":\"P009\",\"heartRate\":88}", "missing field \"spo2\""),
                invalid("an unknown field", p009 + "\"mood\":\"calm\"," + valid, "unknown field \"mood\""),
                invalid("an impossible value", p009 + valid.replace("\"spo2\":95", "\"spo2\":140"),
                        "SpO2 140 is outside the possible range 50..100 %"),
                invalid("a bad patient id", "{\"patient\":\"<script>\"," + valid,
                        "bad patient id \"<script>\": use 1 to 32 letters, digits, '-' or '_'"),
                invalid("a fractional breath count", p009 + valid.replace("18}", "18.7}"),
                        "bad value for \"respiratoryRate\": expected a whole number"),
                invalid("a pulse sent as text", p009 + valid.replace("\"heartRate\":88", "\"heartRate\":\"88\""),
                        "bad value for \"heartRate\": expected a whole number"),
                invalid("a bad time", p009 + "\"time\":\"yesterday\"," + valid,
                        "bad time 'yesterday': use ISO-8601 UTC, e.g. 2026-11-22T10:15:30Z"),
                invalid("a time an hour ahead of the server's clock", p009 + "\"time\":\"2026-11-22T11:16:00Z\"," + valid,
                        "time 2026-11-22T11:16:00Z is more than 10 s ahead of the server's clock: check the device's clock"),
                invalid("a time in the year 10000", p009 + "\"time\":\"+10000-01-01T00:00:00Z\"," + valid,
                        "time +10000-01-01T00:00:00Z is more than 10 s ahead of the server's clock: check the device's clock"),
                invalid("a time two days old", p009 + "\"time\":\"2026-11-20T10:16:00Z\"," + valid,
                        "time 2026-11-20T10:16:00Z is more than 24 h old: check the device's clock"),
                invalid("a time sent as an epoch number", p009 + "\"time\":1795342560," + valid,
                        "bad value for \"time\": expected ISO-8601 text such as 2026-11-22T10:15:30Z"),
                invalid("a numeric patient id", "{\"patient\":9," + valid, "bad value for \"patient\": expected text"),
                invalid("a duplicate field", p009 + "\"heartRate\":60," + valid, "duplicate field \"heartRate\""),
                invalid("a temperature with three decimals", p009 + valid.replace("38.1", "38.125"),
                        "bad value for \"temperature\": at most 2 decimals, e.g. 37.25"),
                invalid("a temperature of 1e300", p009 + valid.replace("38.1", "1e300"),
                        "Temperature 1.0E300 is outside the possible range 25..45 °C"),
                invalid("a pulse beyond any whole number type", p009 + valid.replace("88", "99999999999999999999"),
                        "bad value for \"heartRate\": expected a whole number"),
                invalid("garbage after the object", p009 + valid + " and more", notAReading),
                invalid("an empty body", "", "empty body: send a reading as JSON"),
                invalid("the JSON literal null", "null", "empty body: send a reading as JSON"),
                invalid("an empty array", "[]", notAReading),
                invalid("an escape sequence in the patient id", "{\"patient\":\"P\\u001b[31m\"," + valid,
                        "bad patient id \"P\\u001B[31m\": use 1 to 32 letters, digits, '-' or '_'"),
                Arguments.of("bytes that are not UTF-8", new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'},
                        "the body is not valid UTF-8"));
    }

    private static Arguments invalid(String problem, String body, String expectedReason) {
        return Arguments.of(problem, body.getBytes(StandardCharsets.UTF_8), expectedReason);
    }

    @Test
    @Scenario("L3-09")
    void getPatientsReturnsTheLatestReadingOfEachPatient() throws Exception {
        server.broadcaster().publish(reading("P002", 91));
        server.broadcaster().publish(reading("P001", 80));
        server.broadcaster().publish(reading("P001", 81));

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(server.httpUri().resolve("/api/patients")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(json(response.body()).valueStream()
                .map(r -> r.path("patient").asString() + " " + r.path("vitals").path("heartRate").path("value").asInt()))
                .containsExactly("P001 81", "P002 91");
    }

    @Test
    @Scenario("L3-13")
    void binaryMessageIsRefusedWith1003AndTheOthersKeepReceiving() throws Exception {
        WebSocketRecorder sender = connectDashboard("sender");
        WebSocketRecorder bystander = connectDashboard("bystander");

        sender.session().sendBinary(java.nio.ByteBuffer.wrap(new byte[] {1, 2, 3}), Callback.NOOP);

        WebSocketRecorder.Closed closed = sender.assertClosed(StatusCode.BAD_DATA);
        assertThat(closed.reason()).contains("send JSON text");
        server.broadcaster().publish(reading("P005", 66));
        assertReading(bystander, "P005", 66);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongUsesOfTheApi")
    @Scenario("L3-14")
    void wrongUseOfTheApiGetsItsStatusAsJsonAndBroadcastsNothing(String problem, HttpRequest.Builder request,
            int expectedStatus, String expectedReason) throws Exception {
        WebSocketRecorder dashboard = connectDashboard("dashboard");

        HttpResponse<String> response = http.send(request.uri(server.httpUri().resolve(request.build().uri().getPath()))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as("status for %s", problem).isEqualTo(expectedStatus);
        assertThat(response.headers().firstValue("Content-Type")).as("Content-Type for %s", problem)
                .hasValueSatisfying(type -> assertThat(type).startsWith("application/json"));
        assertThat(json(response.body()).path("reason").asString()).as("reason for %s", problem).isEqualTo(expectedReason);
        if (expectedStatus == 405) {
            assertThat(response.headers().firstValue("Allow")).as("Allow for %s", problem).isPresent();
        }
        server.broadcaster().publish(reading("MARKER", 60));
        assertReading(dashboard, "MARKER", 60); // nothing was broadcast before it
    }

    @Test
    void aRefusedChunkedBodyIsReadBeforeTheAnswerSoAClientStillSendingItGetsTheAnswer() throws Exception {
        String answer = SlowChunkedPost.answer(server.httpUri(), "/api/readings", "{\"pat", "ie");

        assertThat(answer).startsWith("HTTP/1.1 411 ").contains("send a Content-Length of at most");
    }

    /** More slow senders than Jetty has threads: with a reading (read as it comes), or a body the API refuses (read before the 415). */
    @ParameterizedTest(name = "Content-Type {0}")
    @ValueSource(strings = {"application/json", "text/plain"})
    void clientsSendingTheirBodiesSlowlyKeepNoThreadFromTheOthers(String contentType) throws Exception {
        try (SlowBodies slow = SlowBodies.start(server.httpUri(), "/api/readings", contentType, WebSocketServer.MAX_POOL_THREADS + 8)) {
            WebSocketRecorder dashboard = connectDashboard("dashboard");

            HttpResponse<String> answer = post("{\"patient\":\"P001\",\"heartRate\":82,\"spo2\":97,\"temperature\":37.5,"
                    + "\"systolic\":120,\"diastolic\":80,\"respiratoryRate\":16}");

            assertThat(answer.statusCode()).as("a reading posted by another client: %s", answer.body()).isEqualTo(202);
            assertReading(dashboard, "P001", 82);
        }
    }

    @Test
    void aRefusedChunkedBodyTooLargeToReadStillGetsTheWholeRefusal() throws Exception {
        String chunk = "x".repeat(8 * 1024);
        StringBuilder request = new StringBuilder("POST /api/readings HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n");
        for (int i = 0; i < 10; i++) { // 80 KiB: more than the server reads of a refused body
            request.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        request.append("0\r\n\r\n");
        try (java.net.Socket client = new java.net.Socket(server.httpUri().getHost(), server.httpUri().getPort())) {
            client.setSoTimeout((int) PATIENCE.toMillis());
            client.getOutputStream().write(request.toString().getBytes(StandardCharsets.US_ASCII));

            String answer = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 411 ").contains("send a Content-Length of at most");
            assertThat(answer).as("the whole JSON body").endsWith("}");
        }
    }

    @Test
    void aBodySentToAnApiThatTakesNoneIsReadBeforeThe405() throws Exception {
        String answer = SlowChunkedPost.answer(server.httpUri(), "/api/patients", "{\"pat", "ie");

        assertThat(answer).startsWith("HTTP/1.1 405 ").contains("\"type\":\"error\"");
    }

    @Test
    void aRefusedBodyThatCannotBeReadStillGetsTheRefusal() throws Exception {
        try (java.net.Socket client = new java.net.Socket(server.httpUri().getHost(), server.httpUri().getPort())) {
            client.getOutputStream().write(("POST /api/readings HTTP/1.1\r\nHost: localhost\r\nContent-Type: text/plain\r\n"
                    + "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\nnot-a-chunk-size\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));

            String answer = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 415 ").contains("send the reading as Content-Type: application/json");
        }
    }

    static Stream<Arguments> wrongUsesOfTheApi() {
        String reading = "{\"patient\":\"P009\",\"heartRate\":88,\"spo2\":95,\"temperature\":38.1,"
                + "\"systolic\":130,\"diastolic\":85,\"respiratoryRate\":18}";
        String jsonOnly = "send the reading as Content-Type: application/json (UTF-8)";
        String lengthRule = "send a Content-Length of at most " + ReadingsApiHandler.MAX_BODY_BYTES + " bytes";
        return Stream.of(
                Arguments.of("GET /api/readings", api("/api/readings").GET(), 405, "use POST to send a reading"),
                Arguments.of("DELETE /api/patients", api("/api/patients").DELETE(), 405, "use GET to read the patients"),
                Arguments.of("a reading sent as text/plain", api("/api/readings").header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString(reading)), 415, jsonOnly),
                Arguments.of("a reading sent as a form", api("/api/readings")
                        .header("Content-Type", "application/x-www-form-urlencoded")
                        .POST(HttpRequest.BodyPublishers.ofString(reading)), 415, jsonOnly),
                Arguments.of("JSON declared as ISO-8859-1", api("/api/readings")
                        .header("Content-Type", "application/json; charset=iso-8859-1")
                        .POST(HttpRequest.BodyPublishers.ofString(reading)), 415, jsonOnly),
                Arguments.of("no Content-Type", api("/api/readings")
                        .POST(HttpRequest.BodyPublishers.ofString(reading)), 415, jsonOnly),
                Arguments.of("a chunked body, no Content-Length", api("/api/readings").header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofInputStream(
                                () -> new java.io.ByteArrayInputStream(reading.getBytes(StandardCharsets.UTF_8)))), 411, lengthRule),
                Arguments.of("a body one byte over the limit", api("/api/readings").header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(" ".repeat(ReadingsApiHandler.MAX_BODY_BYTES - reading.length() + 1)
                                + reading)), 413, lengthRule));
    }

    /** A request for {@code path}; the test points it at the running server. */
    private static HttpRequest.Builder api(String path) {
        return HttpRequest.newBuilder(java.net.URI.create("http://placeholder" + path));
    }

    @Test
    @Scenario("L3-15")
    void getSnapshotIsAnsweredWithTheLatestReadingOfEachPatient() throws Exception {
        WebSocketRecorder dashboard = connectDashboard("dashboard");
        server.broadcaster().publish(reading("P002", 91));
        server.broadcaster().publish(reading("P001", 81));
        assertReading(dashboard, "P002", 91);
        assertReading(dashboard, "P001", 81);

        dashboard.session().sendText("{\"type\":\"get-snapshot\"}", Callback.NOOP);

        JsonNode snapshot = json(dashboard.nextText());
        assertThat(snapshot.path("type").asString()).as("answer to get-snapshot").isEqualTo("snapshot");
        assertThat(snapshot.path("readings").valueStream()
                .map(r -> r.path("patient").asString() + " " + r.path("vitals").path("heartRate").path("value").asInt()))
                .containsExactly("P001 81", "P002 91");
        server.broadcaster().publish(reading("P003", 70));
        assertReading(dashboard, "P003", 70);
    }

    @Test
    @Scenario("L3-16")
    void messageOverTheDashboardLimitClosesWith1009AndTheOthersKeepReceiving() throws Exception {
        WebSocketRecorder sender = connectDashboard("sender");
        WebSocketRecorder bystander = connectDashboard("bystander");

        sender.session().sendText("x".repeat(MonitorServer.MAX_DASHBOARD_MESSAGE_BYTES + 1), Callback.NOOP);

        sender.assertClosed(StatusCode.MESSAGE_TOO_LARGE);
        server.broadcaster().publish(reading("P006", 67));
        assertReading(bystander, "P006", 67);
    }

    @Test
    @Scenario("L3-12")
    void eachReadingIsSerializedOnceHoweverManyDashboards() throws Exception {
        List<WebSocketRecorder> dashboards = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            dashboards.add(connectDashboard("dashboard-" + i));
        }
        AtomicInteger serializations = new AtomicInteger();
        DashboardMessages messages = new DashboardMessages();
        Broadcaster countingBroadcaster = new Broadcaster(server.sessions(), server.fanOut(), new LatestReadings(Clock.systemUTC()), reading -> {
            serializations.incrementAndGet();
            return messages.reading(reading);
        });

        countingBroadcaster.publish(reading("P004", 75));

        for (WebSocketRecorder dashboard : dashboards) {
            assertReading(dashboard, "P004", 75);
        }
        assertThat(serializations.get()).as("serializations for one reading sent to 10 dashboards").isEqualTo(1);
    }
}
