package org.livevitals.echo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.ref.WeakReference;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.UpgradeRequest;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.livevitals.testkit.WebSocketRecorder;

/**
 * What an open session keeps of its upgrade ({@link DetachedUpgradeHandler}): not the HTTP connection the upgrade
 * came on, nor the query its endpoint has read; still the headers, for {@code Session.getUpgradeRequest()}.
 */
class DetachedUpgradeTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    /** Between two garbage collections while waiting for the upgrade's HTTP connection to be collected. */
    private static final Duration GC_INTERVAL = Duration.ofMillis(100);
    private static final WebSocketServer.Limits LIMITS =
            new WebSocketServer.Limits(Duration.ofSeconds(30), 64 * 1024, 64);

    /** Each upgrade's HTTP connection, seen by a request customizer before any handler; weakly, so it can go. */
    private final BlockingQueue<WeakReference<Connection>> httpConnections = new LinkedBlockingQueue<>();
    /** The query each endpoint was made with, as its creator read it. */
    private final BlockingQueue<String> queriesRead = new LinkedBlockingQueue<>();
    private final BlockingQueue<Session> serverSessions = new LinkedBlockingQueue<>();
    private final WebSocketClient client = new WebSocketClient();
    private WebSocketServer server;

    /** Echoes what it is sent, and hands over its session so the test can look at its upgrade request. */
    public final class RecordingEchoEndpoint extends Session.Listener.AbstractAutoDemanding {
        @Override
        public void onWebSocketOpen(Session session) {
            super.onWebSocketOpen(session);
            serverSessions.add(session);
        }

        @Override
        public void onWebSocketText(String message) {
            getSession().sendText(message, Callback.NOOP);
        }
    }

    @BeforeEach
    void start() throws Exception {
        server = WebSocketServer.on(0)
                .customizeRequests((request, responseHeaders) -> {
                    httpConnections.add(new WeakReference<>(request.getConnectionMetaData().getConnection()));
                    return request;
                })
                .webSocket("/ws", LIMITS, (request, response, callback) -> {
                    queriesRead.add(String.valueOf(request.getHttpURI().getQuery()));
                    return new RecordingEchoEndpoint();
                })
                .build()
                .start();
        client.start();
    }

    @AfterEach
    void stop() throws Exception {
        client.stop();
        server.close();
    }

    private WebSocketRecorder connect(URI uri, ClientUpgradeRequest upgrade) throws Exception {
        WebSocketRecorder recorder = new WebSocketRecorder("dashboard");
        client.connect(recorder, uri, upgrade).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        recorder.assertOpen();
        return recorder;
    }

    private Session nextServerSession() throws InterruptedException {
        Session session = serverSessions.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(session).as("the server's session, opened within %s", PATIENCE).isNotNull();
        return session;
    }

    @Test
    void anOpenSessionNoLongerKeepsTheHttpConnectionItsUpgradeCameOn() throws Exception {
        WebSocketRecorder recorder = connect(server.webSocketUri(), new ClientUpgradeRequest());
        Session serverSession = nextServerSession();
        WeakReference<Connection> httpConnection = httpConnections.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS);
        assertThat(httpConnection).as("the upgrade's HTTP connection, seen by the customizer").isNotNull();

        await("the upgrade's HTTP connection collected while its session is open")
                .atMost(PATIENCE).pollInterval(GC_INTERVAL)
                .until(() -> {
                    System.gc();
                    return httpConnection.get() == null;
                });

        assertThat(serverSession.isOpen()).as("the server's session").isTrue();
        recorder.session().sendText("Patient P001: pulse 82", Callback.NOOP);
        recorder.assertTextMessage("Patient P001: pulse 82");
    }

    @Test
    void theSessionKeepsItsUpgradeHeadersButNotTheQueryItsEndpointRead() throws Exception {
        ClientUpgradeRequest upgrade = new ClientUpgradeRequest();
        upgrade.setHeader("Origin", "http://localhost");
        upgrade.setHeader("X-Ward", "cardiology");
        URI withTicket = URI.create(server.webSocketUri() + "?ticket=secret-ticket&patient=P001");

        connect(withTicket, upgrade);
        UpgradeRequest kept = nextServerSession().getUpgradeRequest();

        assertThat(queriesRead.poll(PATIENCE.toSeconds(), TimeUnit.SECONDS))
                .as("the query the endpoint's creator read").isEqualTo("ticket=secret-ticket&patient=P001");
        assertThat(kept.getOrigin()).isEqualTo("http://localhost");
        assertThat(kept.getHeader("X-Ward")).isEqualTo("cardiology");
        assertThat(kept.getHeaders("X-Ward")).isEqualTo(List.of("cardiology"));
        assertThat(kept.getHeaders()).containsKey("Sec-WebSocket-Key");
        assertThat(kept.getRequestURI().getPath()).isEqualTo("/ws");
        assertThat(kept.getQueryString()).as("the query the session keeps").isNull();
        assertThat(kept.getParameterMap()).as("the parameters the session keeps").isEmpty();
        assertThat(kept.getRequestURI().toString()).doesNotContain("secret-ticket");
    }
}
