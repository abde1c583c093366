package org.livevitals.scaling.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics} on its own. */
class MetricsApiTest {

    private final NodeMetrics metrics = new NodeMetrics(() -> 2);
    private HandlerServer server;

    @BeforeEach
    void start() throws Exception {
        server = new HandlerServer(Map.of(MetricsApi.PATH, new MetricsApi(metrics)));
    }

    @AfterEach
    void stop() throws Exception {
        server.close();
    }

    @Test
    void getAnswersThePrometheusTextFormat() throws Exception {
        metrics.delivered(6);
        HttpResponse<String> answer = server.get(MetricsApi.PATH);
        assertThat(answer.statusCode()).isEqualTo(200);
        assertThat(answer.headers().firstValue("Content-Type")).hasValue("text/plain; version=0.0.4; charset=utf-8");
        assertThat(answer.body())
                .contains("# TYPE livevitals_deliveries_total counter")
                .contains("livevitals_deliveries_total 6.0")
                .contains("livevitals_dashboard_sessions 2.0");
    }

    @Test
    void anotherMethodGets405WithAllow() throws Exception {
        HttpResponse<String> answer = server.send("POST", MetricsApi.PATH, null);
        assertThat(answer.statusCode()).isEqualTo(405);
        assertThat(answer.headers().firstValue("Allow")).hasValue("GET");
        assertThat(answer.body()).isEqualTo("{\"type\":\"error\",\"reason\":\"use GET\"}");
    }
}
