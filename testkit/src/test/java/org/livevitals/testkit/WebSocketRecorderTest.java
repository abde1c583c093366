package org.livevitals.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketOpen;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketPong;
import org.eclipse.jetty.websocket.api.annotations.WebSocket;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.eclipse.jetty.websocket.server.WebSocketUpgradeHandler;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The recorder against a real embedded Jetty on an ephemeral port, for the events Labs 4 and 5
 * assert (pings, pongs, a refused upgrade); its failure messages with events fed to its listener
 * methods as Jetty would.
 */
class WebSocketRecorderTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final String HEARTBEAT = "heartbeat-1";

    /** Pings its client as soon as it opens, as Lab 4's heartbeat will, and keeps the pongs it gets. */
    @WebSocket
    public static final class PingingEndpoint {
        private final List<String> pongs;

        PingingEndpoint(List<String> pongs) {
            this.pongs = pongs;
        }

        @OnWebSocketOpen
        public void onOpen(Session session) {
            session.sendPing(UTF_8.encode(HEARTBEAT), Callback.NOOP);
        }

        @OnWebSocketPong
        public void onPong(ByteBuffer payload) {
            pongs.add(UTF_8.decode(payload).toString());
        }
    }

    /** Sends nothing; Jetty answers a client's ping with a pong by itself. */
    @WebSocket
    public static final class QuietEndpoint {
    }

    /** Pongs the pinging endpoint got from its clients. */
    private final List<String> pongsAtServer = new CopyOnWriteArrayList<>();
    private final Server server = newServer();
    private final WebSocketClient client = new WebSocketClient();

    private Server newServer() {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ContextHandler context = new ContextHandler("/");
        WebSocketUpgradeHandler upgrades = WebSocketUpgradeHandler.from(server, context, container -> {
            container.addMapping("/ping", (request, response, callback) -> new PingingEndpoint(pongsAtServer));
            container.addMapping("/quiet", (request, response, callback) -> new QuietEndpoint());
            // Lab 5's way: the creator checks the request and refuses before any endpoint exists.
            container.addMapping("/token-required", (request, response, callback) -> {
                response.getHeaders().put(HttpHeader.WWW_AUTHENTICATE, "Bearer");
                Response.writeError(request, response, callback, HttpStatus.UNAUTHORIZED_401, "a token is required");
                return null;
            });
        });
        // Anything else never reaches the upgrade: a plain handler behind it refuses with 403.
        upgrades.setHandler(new Handler.Abstract.NonBlocking() {
            @Override
            public boolean handle(Request request, Response response, org.eclipse.jetty.util.Callback callback) {
                Response.writeError(request, response, callback, HttpStatus.FORBIDDEN_403, "not your ward");
                return true;
            }
        });
        context.setHandler(upgrades);
        server.setHandler(context);
        return server;
    }

    @BeforeEach
    void start() throws Exception {
        server.start();
        client.start();
    }

    @AfterEach
    void stop() throws Exception {
        client.stop();
        server.stop();
    }

    private URI uri(String path) {
        return URI.create("ws://127.0.0.1:" + ((ServerConnector) server.getConnectors()[0]).getLocalPort() + path);
    }

    /** Starts the upgrade without waiting on Jetty's future: the recorder records how it ends. */
    private WebSocketRecorder dial(String name, String path) throws Exception {
        WebSocketRecorder recorder = new WebSocketRecorder(name);
        client.connect(recorder, uri(path));
        return recorder;
    }

    private WebSocketRecorder connect(String name, String path) throws Exception {
        WebSocketRecorder recorder = dial(name, path);
        recorder.assertOpen();
        return recorder;
    }

    @Test
    void anUpgradeRefusedWith401IsRecordedWithItsStatus() throws Exception {
        WebSocketRecorder recorder = dial("no-token", "/token-required");

        recorder.assertFailure(401);
        recorder.assertExhausted();
    }

    @Test
    void anUpgradeRefusedWith403IsRecordedAfterTheConnectFutureFailed() throws Exception {
        WebSocketRecorder recorder = new WebSocketRecorder("wrong-ward");

        assertThatThrownBy(() -> client.connect(recorder, uri("/forbidden")).get(PATIENCE.toSeconds(), TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(UpgradeException.class);

        assertThat(recorder.assertFailure(403).error().getResponseStatusCode()).isEqualTo(403);
        recorder.assertExhausted();
    }

    @Test
    void aRefusalWithAnotherStatusFailsWithBothStatuses() throws Exception {
        WebSocketRecorder recorder = dial("no-token", "/token-required");

        assertThatThrownBy(() -> recorder.assertFailure(403))
                .hasMessage("[no-token] Awaited the upgrade to be refused with HTTP 403 but upgrade refused with HTTP 401 arrived instead");
    }

    @Test
    void anUpgradeThatSucceedsFailsAnAwaitedRefusal() throws Exception {
        WebSocketRecorder recorder = dial("let-in", "/quiet");

        assertThatThrownBy(() -> recorder.assertFailure(401))
                .hasMessage("[let-in] Awaited the upgrade to be refused with HTTP 401 but open arrived instead");
    }

    @Test
    void aPingFromTheServerIsRecordedAndAnsweredWithAPong() throws Exception {
        WebSocketRecorder recorder = connect("dashboard", "/ping");

        recorder.assertPing(HEARTBEAT);
        await("the server to get the pong").atMost(PATIENCE).untilAsserted(
                () -> assertThat(pongsAtServer).containsExactly(HEARTBEAT));
        recorder.assertExhausted();
    }

    @Test
    void aPingWithoutAnExpectedPayloadReturnsThePayload() throws Exception {
        WebSocketRecorder recorder = connect("dashboard", "/ping");

        assertThat(recorder.assertPing()).isEqualTo(HEARTBEAT);
    }

    @Test
    void thePongToTheClientsPingIsRecorded() throws Exception {
        WebSocketRecorder recorder = connect("dashboard", "/quiet");

        recorder.session().sendPing(UTF_8.encode("are you there?"), Callback.NOOP);

        recorder.assertPong("are you there?");
        recorder.assertExhausted();
    }

    @Test
    void aPongWithoutAnExpectedPayloadReturnsThePayload() throws Exception {
        WebSocketRecorder recorder = connect("dashboard", "/quiet");

        recorder.session().sendPing(UTF_8.encode("are you there?"), Callback.NOOP);

        assertThat(recorder.assertPong()).isEqualTo("are you there?");
    }

    @Test
    void aPingWithTheWrongPayloadFailsWithBothPayloads() throws Exception {
        WebSocketRecorder recorder = connect("dashboard-3", "/ping");

        assertThatThrownBy(() -> recorder.assertPing("heartbeat-2"))
                .hasMessage("[dashboard-3] Awaited ping 'heartbeat-2' but ping 'heartbeat-1' arrived instead");
    }

    @Test
    void aWrongEventFailsWithTheRecordersNameWhatWasAwaitedAndWhatArrived() {
        WebSocketRecorder recorder = new WebSocketRecorder("dashboard-3");
        recorder.onWebSocketClose(1006, "Disconnected");

        assertThatThrownBy(() -> recorder.assertTextMessage("P001"))
                .isInstanceOf(AssertionError.class)
                .hasMessage("[dashboard-3] Awaited text message 'P001' but close 1006 'Disconnected' arrived instead");
    }

    @Test
    void aMismatchOfTheRightKindOfEventFailsWithTheRecordersName() {
        WebSocketRecorder recorder = new WebSocketRecorder("dashboard-3");
        recorder.onWebSocketText("P002");

        assertThatThrownBy(() -> recorder.assertTextMessage("P001"))
                .hasMessage("[dashboard-3] Awaited text message 'P001' but text message 'P002' arrived instead");
    }

    @Test
    void eventsLeftUnreadFailWithTheRecordersName() {
        WebSocketRecorder recorder = new WebSocketRecorder("dashboard-3");
        recorder.onWebSocketText("P001");

        assertThatThrownBy(recorder::assertExhausted)
                .hasMessage("[dashboard-3] Expected no more events, but these were left unread: [text message 'P001']");
    }
}
