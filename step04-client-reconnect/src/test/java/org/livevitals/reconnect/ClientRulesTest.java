package org.livevitals.reconnect;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.livevitals.echo.WebSocketServer;

/**
 * The client's rules against a server that plays a script: what a real server does only in a race
 * (a duplicate, a gap) or never (a position that is not valid) happens here on purpose.
 */
class ClientRulesTest {

    private static final String EPOCH = "00112233aabbccdd";

    /** What each connection is sent, in order: one script per connection. */
    private final Queue<List<String>> scripts = new ConcurrentLinkedQueue<>();
    /** The query of each connection, in order ("" for none). */
    private final Queue<String> queries = new ConcurrentLinkedQueue<>();
    private WebSocketServer server;

    /** Plays one script to each connection as it opens; public, as Jetty calls it by reflection. */
    public final class ScriptPlayer implements Session.Listener.AutoDemanding {
        private final List<String> script;

        ScriptPlayer(List<String> script) {
            this.script = script;
        }

        @Override
        public void onWebSocketOpen(Session session) {
            script.forEach(message -> session.sendText(message, Callback.NOOP));
        }
    }

    private WebSocketServer startScriptedServer() throws Exception {
        server = WebSocketServer.on(0)
                .webSocket("/ws", new WebSocketServer.Limits(Duration.ofMinutes(1), 4096, 64), (request, response, callback) -> {
                    String query = request.getHttpURI().getQuery();
                    queries.add(query == null ? "" : query);
                    List<String> script = scripts.poll();
                    return new ScriptPlayer(script == null ? List.of() : script);
                })
                .build().start();
        return server;
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    private static String snapshot(String epoch, long seq) {
        return "{\"type\":\"snapshot\",\"epoch\":\"" + epoch + "\",\"seq\":" + seq
                + ",\"staleAfterMs\":6000,\"heartbeatMs\":60000,\"readings\":[]}";
    }

    private static String reading(long seq) {
        return "{\"type\":\"reading\",\"patient\":\"P001\",\"seq\":" + seq + "}";
    }

    @Test
    void aDuplicateIsDroppedAndAGapIsRepairedByAResume() throws Exception {
        scripts.add(List.of(snapshot(EPOCH, 5), reading(5), reading(6), reading(6), reading(7), reading(9)));
        scripts.add(List.of("{\"type\":\"recovery\",\"recovered\":true,\"epoch\":\"" + EPOCH
                + "\",\"seq\":9,\"staleAfterMs\":6000,\"heartbeatMs\":60000,\"missed\":[" + reading(8) + "," + reading(9) + "]}"));
        startScriptedServer();
        try (ClientFixture clients = new ClientFixture()) {
            RecordedClient client = clients.start("client", server.webSocketUri());

            StreamEvent.Disconnected gap = client.expect(StreamEvent.Disconnected.class);
            assertThat(gap.reason()).isEqualTo("sequence gap: expected 8, got 9");
            client.expect(StreamEvent.Resumed.class);
            client.expect(StreamEvent.Reading.class, "seq 9", reading -> reading.seq() == 9);

            assertThat(client.readingSeqs()).as("readings delivered, each once and in order").containsExactly(6L, 7L, 8L, 9L);
            assertThat(queries).containsExactly("", "epoch=" + EPOCH + "&lastSeq=7");
        }
    }

    @Test
    void aPositionThatIsNotValidIsReportedAndNeverSentBack() throws Exception {
        scripts.add(List.of(snapshot("x".repeat(100), 3)));
        scripts.add(List.of(snapshot(EPOCH, 0), reading(1)));
        startScriptedServer();
        try (ClientFixture clients = new ClientFixture()) {
            RecordedClient client = clients.start("client", server.webSocketUri());

            StreamEvent.ServerError error = client.expect(StreamEvent.ServerError.class);
            assertThat(error.reason()).startsWith("the server's position is not valid: epoch \"xxxx");
            client.expect(StreamEvent.Snapshot.class);
            client.expect(StreamEvent.Reading.class, "seq 1", reading -> reading.seq() == 1);
            assertThat(queries).as("the second connection starts afresh").containsExactly("", "");
        }
    }
}
