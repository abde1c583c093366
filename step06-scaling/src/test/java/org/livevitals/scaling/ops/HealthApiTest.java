package org.livevitals.scaling.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code GET /health} on its own, with a backplane that is connected or not as the test says. */
class HealthApiTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AtomicBoolean connected = new AtomicBoolean(true);
    private final AtomicReference<String> problem = new AtomicReference<>("");
    private HandlerServer server;

    @BeforeEach
    void start() throws Exception {
        server = new HandlerServer(Map.of(HealthApi.PATH, new HealthApi("n1", "redis", () -> 3, connected::get,
                () -> connected.get() ? "" : problem.get())));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void aConnectedNodeIsReady() throws Exception {
        HttpResponse<String> answer = server.get(HealthApi.PATH);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("application/json; charset=utf-8");
        assertThat(answer.body()).isEqualTo("{\"status\":\"ready\",\"node\":\"n1\",\"backplane\":\"redis\",\"sessions\":3}");
    }

    @Test
    void aNodeWithoutItsBackplaneIsNotReadyAndSaysWhy() throws Exception {
        connected.set(false);
        HttpResponse<String> answer = server.get(HealthApi.PATH);
        assertThat(answer.statusCode()).isEqualTo(503);
        JsonNode body = JSON.readTree(answer.body());
        assertThat(body.path("status").asString()).isEqualTo("not ready");
        assertThat(body.path("reason").asString()).isEqualTo("the redis backplane is not connected");
        assertThat(body.path("node").asString()).isEqualTo("n1");

        connected.set(true);
        assertThat(server.get(HealthApi.PATH).statusCode()).as("once the backplane is back").isEqualTo(200);
    }

    @Test
    void theReasonIsTheBackplanesOwnWhenItGivesOne() throws Exception {
        connected.set(false);
        problem.set("Redis at 127.0.0.1:6379 is unreachable");
        HttpResponse<String> answer = server.get(HealthApi.PATH);
        assertThat(answer.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(answer.body()).path("reason").asString()).isEqualTo("Redis at 127.0.0.1:6379 is unreachable");
    }

    @Test
    void anotherMethodGets405WithAllow() throws Exception {
        HttpResponse<String> answer = server.send("DELETE", HealthApi.PATH, null);
        assertThat(answer.statusCode()).isEqualTo(405);
        assertThat(answer.headers().firstValue("Allow")).hasValue("GET");
        assertThat(answer.body()).contains("\"type\":\"error\"");
    }
}
