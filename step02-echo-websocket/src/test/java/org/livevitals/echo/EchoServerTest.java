package org.livevitals.echo;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.net.ServerSocket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.livevitals.rawsockets.PortInUseException;
import org.livevitals.testkit.Scenario;
import org.livevitals.testkit.WebSocketRecorder;
import org.openqa.selenium.By;
import org.livevitals.testkit.Chromium;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Lab 2's scenarios, against a real embedded Jetty on an ephemeral port. */
class EchoServerTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    /** L2-13's echo request: 4 KiB, so the flood fills the TCP buffers in thousands of messages, not millions. */
    private static final String ECHO_REQUEST = "x".repeat(4 * 1024);
    /**
     * L2-13's bound: 64 MiB of echo requests, many times what the loopback TCP buffers (a few MiB
     * here) and {@link EchoServer#MAX_QUEUED_FRAMES} queued echoes hold. The stuck client must be
     * cut off long before.
     */
    private static final int MAX_ECHO_REQUESTS = 16 * 1024;
    /** How long L2-13's flood may take: a write blocked for good would otherwise hang the test. */
    private static final Duration FLOOD_PATIENCE = Duration.ofSeconds(60);

    /** How each session ended, as the server saw it. */
    private record ServerClose(String client, int code, String reason) {}

    private final BlockingQueue<ServerClose> serverCloses = new LinkedBlockingQueue<>();
    private final WebSocketClient client = new WebSocketClient();
    private EchoServer server;

    @BeforeEach
    void start() throws Exception {
        startServer(EchoServer.DEFAULT_IDLE_TIMEOUT);
        client.start();
    }

    private void startServer(Duration idleTimeout) throws Exception {
        if (server != null) {
            server.close();
        }
        server = new EchoServer(0, idleTimeout,
                (who, code, reason) -> serverCloses.add(new ServerClose(who, code, reason))).start();
    }

    @AfterEach
    void stop() throws Exception {
        client.stop();
        server.close();
    }

    private WebSocketRecorder connect(String name) throws Exception {
        WebSocketRecorder recorder = new WebSocketRecorder(name);
        client.connect(recorder, server.webSocketUri()).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        recorder.assertOpen();
        return recorder;
    }

    private RawWebSocket connectByHand() throws Exception {
        return RawWebSocket.connect("localhost", server.port(), EchoServer.PATH, line -> { });
    }

    private ServerClose nextServerClose() throws InterruptedException {
        ServerClose close = serverCloses.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(close).as("a close reported by the server within %s", PATIENCE).isNotNull();
        return close;
    }

    @Test
    @Scenario("L2-01")
    void echoRoundTrip() throws Exception {
        WebSocketRecorder recorder = connect("recorder");

        recorder.session().sendText("Patient P001: pulse 82", Callback.NOOP);

        recorder.assertTextMessage("Patient P001: pulse 82");
        recorder.assertExhausted();
    }

    @Test
    @Scenario("L2-02")
    void plainHttpGetOnTheWebSocketPathGets400SayingAnUpgradeIsRequired() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(server.httpUri().resolve(EchoServer.PATH)).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as("status of GET %s", EchoServer.PATH).isEqualTo(400);
        assertThat(response.body()).contains("an HTTP Upgrade request is required");
    }

    @Test
    void anOfferOfCompressionIsDeclinedAndTheEchoComesUncompressed() throws Exception {
        ClientUpgradeRequest browserLike = new ClientUpgradeRequest();
        browserLike.addExtensions("permessage-deflate; client_max_window_bits"); // what every browser offers
        WebSocketRecorder recorder = new WebSocketRecorder("browser-like");

        Session session = client.connect(recorder, server.webSocketUri(), browserLike).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        recorder.assertOpen();
        session.sendText("Patient P001: pulse 82", Callback.NOOP);

        assertThat(session.getUpgradeRequest().getExtensions()).as("extensions the client offered").isNotEmpty();
        assertThat(session.getUpgradeResponse().getExtensions()).as("extensions the server accepted").isEmpty();
        recorder.assertTextMessage("Patient P001: pulse 82");
    }

    @Test
    @Scenario("L2-03")
    void handshakeByHandGets101WithTheAcceptValueRfc6455Requires() throws Exception {
        // The worked example of RFC 6455, section 1.3.
        assertThat(WebSocketAccept.forKey("dGhlIHNhbXBsZSBub25jZQ==")).isEqualTo("s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");

        try (RawWebSocket socket = connectByHand()) {
            RawWebSocket.Handshake handshake = socket.handshake();
            assertThat(handshake.status()).as("status line %s", handshake.statusLine()).isEqualTo(101);
            assertThat(handshake.header("Upgrade")).isEqualToIgnoringCase("websocket");
            assertThat(handshake.header("Sec-WebSocket-Accept"))
                    .as("accept value for key %s", handshake.key())
                    .isEqualTo(WebSocketAccept.forKey(handshake.key()));
        }
    }

    @Test
    @Scenario("L2-04")
    void maskedFrameWrittenByHandIsEchoedAndDecodedByteByByte() throws Exception {
        String shortMessage = "SpO2 97 % ♥";
        String mediumMessage = "x".repeat(300); // over 125 bytes: the 16-bit length form
        try (RawWebSocket socket = connectByHand()) {
            socket.sendText(shortMessage);
            socket.sendText(mediumMessage);

            RawFrame first = socket.readFrame();
            RawFrame second = socket.readFrame();
            assertThat(first.fin()).isTrue();
            assertThat(first.opcode()).isEqualTo(RawFrame.TEXT);
            assertThat(first.text()).isEqualTo(shortMessage);
            assertThat(second.text()).isEqualTo(mediumMessage);
        }
    }

    @Test
    @Scenario("L2-05")
    void twoClientsEchoesNeverCross() throws Exception {
        WebSocketRecorder alice = connect("alice");
        WebSocketRecorder bob = connect("bob");
        int messages = 200;

        CompletableFuture<Void> aliceSends = CompletableFuture.runAsync(() -> sendNumbered(alice.session(), "alice", messages));
        CompletableFuture<Void> bobSends = CompletableFuture.runAsync(() -> sendNumbered(bob.session(), "bob", messages));
        CompletableFuture.allOf(aliceSends, bobSends).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);

        for (int i = 0; i < messages; i++) {
            alice.assertTextMessage("alice " + i);
            bob.assertTextMessage("bob " + i);
        }
        alice.assertExhausted();
        bob.assertExhausted();
    }

    private static void sendNumbered(Session session, String who, int count) {
        for (int i = 0; i < count; i++) {
            session.sendText(who + " " + i, Callback.NOOP);
        }
    }

    @Test
    @Scenario("L2-06")
    void oversizedMessageClosesWith1009AndTheOtherClientKeepsEchoing() throws Exception {
        WebSocketRecorder flooder = connect("flooder");
        WebSocketRecorder neighbour = connect("neighbour");

        flooder.session().sendText("x".repeat(EchoServer.MAX_TEXT_MESSAGE_BYTES + 1), Callback.NOOP);

        flooder.assertClosed(1009);
        neighbour.session().sendText("still here", Callback.NOOP);
        neighbour.assertTextMessage("still here");
    }

    @Test
    @Scenario("L2-07")
    void invalidUtf8InATextFrameClosesWith1007() throws Exception {
        try (RawWebSocket socket = connectByHand()) {
            socket.sendFrame(RawFrame.TEXT, new byte[] {'o', 'k', (byte) 0xC3, (byte) 0x28}, true);

            RawFrame answer = socket.readFrame();
            assertThat(answer.opcode()).as("opcode of the server's answer %s", answer).isEqualTo(RawFrame.CLOSE);
            assertThat(answer.closeCode()).as("close code for invalid UTF-8").isEqualTo(1007);
        }
    }

    @Test
    @Scenario("L2-08")
    void unmaskedClientFrameClosesWith1002() throws Exception {
        try (RawWebSocket socket = connectByHand()) {
            socket.sendFrame(RawFrame.TEXT, "not masked".getBytes(UTF_8), false);

            RawFrame answer = socket.readFrame();
            assertThat(answer.opcode()).as("opcode of the server's answer %s", answer).isEqualTo(RawFrame.CLOSE);
            assertThat(answer.closeCode()).as("close code for an unmasked client frame").isEqualTo(1002);
        }
    }

    @Test
    @Scenario("L2-09")
    void binaryFrameWhereTextIsExpectedClosesWith1003() throws Exception {
        WebSocketRecorder recorder = connect("recorder");

        recorder.session().sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}), Callback.NOOP);

        WebSocketRecorder.Closed closed = recorder.assertClosed(1003);
        assertThat(closed.reason()).contains("send text");
    }

    @Test
    @Scenario("L2-10")
    void exitClosesWith1000AndBothSidesReportIt() throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        EchoConsole console = new EchoConsole(server.webSocketUri(), new PrintStream(printed, true, UTF_8));

        console.run(new BufferedReader(new StringReader("hello\n" + EchoConsole.EXIT + "\nnot sent\n")));

        assertThat(printed.toString(UTF_8).lines().toList()).as("what the console printed")
                .containsSubsequence("echo: hello", "closed: 1000 bye")
                .noneMatch(line -> line.contains("not sent"));
        ServerClose close = nextServerClose();
        assertThat(close.code()).as("close code the server saw").isEqualTo(1000);
        assertThat(close.reason()).isEqualTo("bye");
    }

    @Test
    @Scenario("L2-11")
    void idleConnectionIsClosedWith1001AfterTheTimeout() throws Exception {
        startServer(Duration.ofSeconds(1));
        WebSocketRecorder recorder = connect("recorder");

        WebSocketRecorder.Closed closed = recorder.assertClosed(1001);

        assertThat(closed.reason()).containsIgnoringCase("timeout");
        assertThat(nextServerClose().code()).as("close code the server saw").isEqualTo(1001);
    }

    @Test
    @Scenario("L2-12")
    void browserPageEchoesInARealChromium() throws Exception {
        try (Chromium chromium = Chromium.start()) {
            var page = chromium.driver();
            page.get(server.httpUri().toString());
            chromium.waitUp().until(ExpectedConditions.textToBe(By.id("state"), "open"));

            page.findElement(By.id("message")).sendKeys("hello from Chromium");
            page.findElement(By.id("send")).click();

            chromium.waitUp().until(ExpectedConditions.textToBePresentInElementLocated(By.id("log"), "echo: hello from Chromium"));
            List<String> lines = new ArrayList<>();
            page.findElements(By.cssSelector("#log li")).forEach(item -> lines.add(item.getText()));
            assertThat(lines).containsExactly("echo: hello from Chromium");
        }
    }

    @Test
    @Scenario("L2-13")
    void clientThatNeverReadsIsDisconnectedAndTheOtherClientKeepsEchoing() throws Exception {
        WebSocketRecorder healthy = connect("healthy");
        // Written on a bare socket, this client can send without ever reading: its TCP buffers fill
        // with echoes, then Jetty's queue for it. The server keeps reading its requests all along.
        try (RawWebSocket stuck = connectByHand()) {
            // If a write ever blocked for good, the timeout gives up on it and closing the socket frees it.
            int sent = assertTimeoutPreemptively(FLOOD_PATIENCE, () -> sendUntilDisconnected(stuck),
                    "a client that never reads, still sending echo requests");

            assertThat(sent).withFailMessage("a client that never reads sent %d echo requests of %d bytes and was"
                    + " still connected; expected it disconnected once %d echoes were queued for it",
                    sent, ECHO_REQUEST.length(), EchoServer.MAX_QUEUED_FRAMES).isLessThan(MAX_ECHO_REQUESTS);
            assertThat(nextServerClose().code()).as("how the server saw the stuck client end: disconnected,"
                    + " with no close frame").isEqualTo(StatusCode.ABNORMAL);
        }
        healthy.session().sendText("still here", Callback.NOOP);
        healthy.assertTextMessage("still here");
        healthy.assertExhausted();
    }

    /** Sends echo requests without reading until the server hangs up, or {@link #MAX_ECHO_REQUESTS} have gone. */
    private int sendUntilDisconnected(RawWebSocket socket) {
        int sent = 0;
        while (serverCloses.isEmpty() && sent < MAX_ECHO_REQUESTS) {
            try {
                socket.sendText(ECHO_REQUEST);
            } catch (IOException e) {
                break; // the server cut the connection
            }
            sent++;
        }
        return sent;
    }

    @Test
    @Scenario("L2-14")
    void handshakeAskingForVersion8Gets426NamingVersion13() {
        RawWebSocket.HandshakeRefusedException refused = catchThrowableOfType(RawWebSocket.HandshakeRefusedException.class,
                () -> RawWebSocket.connect("localhost", server.port(), EchoServer.PATH, "8", line -> { }).close());

        assertThat(refused).as("the answer to a handshake asking for WebSocket version 8").isNotNull();
        RawWebSocket.Handshake answer = refused.handshake();
        assertThat(answer.status()).as("status line %s", answer.statusLine()).isEqualTo(426);
        assertThat(answer.header("Sec-WebSocket-Version")).as("the versions the server speaks").isEqualTo("13");
        assertThat(answer.header("Upgrade")).as("the protocol a 426 requires").isEqualToIgnoringCase("websocket");
        assertThat(answer.header("Connection")).as("Connection of the 426").containsIgnoringCase("upgrade");
        assertThat(answer.header("Content-Type")).startsWith("text/plain");
        assertThat(refused.body()).as("body of the 426").contains("version 13").contains("version 8");
    }

    @Test
    void aServerWhosePortIsTakenNamesThePort() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            EchoServer second = EchoServer.newServer(taken.getLocalPort());

            PortInUseException failure = catchThrowableOfType(PortInUseException.class, second::start);

            assertThat(failure).as("what start() threw, where Jetty says 'Failed to bind to ...'").isNotNull();
            assertThat(failure.port()).isEqualTo(taken.getLocalPort());
            second.close();
        }
    }
}
