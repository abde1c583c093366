package org.livevitals.scaling.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.livevitals.scaling.ops.OpsCluster.ADMIN;
import static org.livevitals.scaling.ops.OpsCluster.DOCTOR;
import static org.livevitals.scaling.ops.OpsCluster.ICU_NURSE;
import static org.livevitals.scaling.ops.OpsCluster.ICU_PATIENT;
import static org.livevitals.scaling.ops.OpsCluster.JSON;
import static org.livevitals.scaling.ops.OpsCluster.PATIENCE;
import static org.livevitals.scaling.ops.OpsCluster.sample;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livevitals.reconnect.ResumeRequest;
import org.livevitals.scaling.ScalingServer;
import org.livevitals.testkit.Scenario;
import org.livevitals.testkit.WebSocketRecorder;
import tools.jackson.databind.JsonNode;

/** Lab 6's operations, on real nodes and a real Redis: readiness, metrics, and the admin's view of the cluster. */
class OperationsTest {

    @TempDir
    Path dataDir;
    private OpsCluster cluster;

    @AfterEach
    void stop() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    private HttpResponse<String> health(ScalingServer node) throws Exception {
        return cluster.get(node, HealthApi.PATH, null);
    }

    private String metrics(ScalingServer node) throws Exception {
        HttpResponse<String> answer = cluster.get(node, MetricsApi.PATH, null);
        assertThat(answer.statusCode()).as("GET /metrics: %s", answer.body()).isEqualTo(200);
        return answer.body();
    }

    private double metric(ScalingServer node, String sample) throws Exception {
        return sample(metrics(node), sample).orElse(Double.NaN);
    }

    @Test
    @Scenario("L6-13")
    void aNodeWhoseRedisIsUnreachableReportsNotReadyOnHealth() throws Exception {
        cluster = new OpsCluster(dataDir);
        ScalingServer node = cluster.node("n1");
        HttpResponse<String> ready = health(node);
        assertThat(ready.statusCode()).as("with Redis up: %s", ready.body()).isEqualTo(200);
        assertThat(JSON.readTree(ready.body()).path("status").asString()).isEqualTo("ready");
        assertThat(JSON.readTree(ready.body()).path("backplane").asString()).isEqualTo("redis");
        assertThat(JSON.readTree(ready.body()).path("node").asString()).isEqualTo("n1");

        cluster.redis.stop();
        await("/health to answer 503 with Redis stopped").atMost(PATIENCE).until(() -> health(node).statusCode() == 503);
        JsonNode notReady = JSON.readTree(health(node).body());
        assertThat(notReady.path("status").asString()).isEqualTo("not ready");
        assertThat(notReady.path("reason").asString()).as("the reason").isNotBlank();

        cluster.redis.start();
        await("/health to answer 200 with Redis back").atMost(PATIENCE).until(() -> health(node).statusCode() == 200);
    }

    @Test
    @Scenario("L6-14")
    void metricsShowThePrometheusTextWithTheCounters() throws Exception {
        cluster = new OpsCluster(dataDir);
        ScalingServer node = cluster.node("n1");
        String doctor = cluster.signIn(node, DOCTOR);
        WebSocketRecorder dashboard = cluster.dashboard(node, doctor, "");
        JsonNode snapshot = JSON.readTree(dashboard.nextTextAfterPings());
        await("the open dashboard in the sessions gauge").atMost(PATIENCE)
                .until(() -> metric(node, "livevitals_dashboard_sessions") == 1.0);

        OpsCluster.publish(node, ICU_PATIENT, 72); // through Redis and back: a delivery, with its lag
        await("a delivery counted, with its backplane lag").atMost(PATIENCE)
                .until(() -> metric(node, "livevitals_deliveries_total") >= 1
                        && metric(node, "livevitals_backplane_lag_seconds_count") >= 1);

        dashboard.session().close();
        String resume = "&" + ResumeRequest.EPOCH + "=" + snapshot.path("epoch").asString()
                + "&" + ResumeRequest.LAST_SEQ + "=" + snapshot.path("seq").asLong();
        cluster.dashboard(node, doctor, resume).nextTextAfterPings();
        cluster.dashboard(node, doctor, "&" + ResumeRequest.EPOCH + "=another-epoch&" + ResumeRequest.LAST_SEQ + "=1")
                .nextTextAfterPings();
        await("a resume of each outcome").atMost(PATIENCE)
                .until(() -> metric(node, "livevitals_resumes_total{outcome=\"recovered\"}") == 1.0
                        && metric(node, "livevitals_resumes_total{outcome=\"snapshot\"}") == 1.0);

        String page = metrics(node);
        assertThat(sample(page, "livevitals_evictions_total")).as("evictions").hasValue(0.0);
        assertThat(sample(page, "livevitals_backplane_dropped_total")).as("dropped").hasValue(0.0);
        assertThat(page).contains("# TYPE livevitals_deliveries_total counter").contains("jvm_memory_used_bytes{");
    }

    @Test
    @Scenario("L6-15")
    void theAdminSeesEveryNodeAndANurseGets403() throws Exception {
        cluster = new OpsCluster(dataDir);
        ScalingServer n1 = cluster.node("n1");
        ScalingServer n2 = cluster.node("n2");
        String admin = cluster.signIn(n1, ADMIN); // signed in on one node, asking another: one signing key

        await("both nodes on n2's panel").atMost(PATIENCE).until(() -> nodesUp(n2, admin).size() == 2);
        JsonNode nodes = JSON.readTree(cluster.get(n2, NodesApi.PATH, admin).body());
        assertThat(nodes.get(0).path("node").asString()).isEqualTo("n1");
        assertThat(nodes.get(0).path("address").asString()).contains(":" + n1.port());
        assertThat(nodes.get(1).path("node").asString()).isEqualTo("n2");
        assertThat(nodes.get(1).path("address").asString()).contains(":" + n2.port());

        HttpResponse<String> nurse = cluster.get(n2, NodesApi.PATH, cluster.signIn(n2, ICU_NURSE));
        assertThat(nurse.statusCode()).as("a nurse: %s", nurse.body()).isEqualTo(403);
        assertThat(JSON.readTree(nurse.body()).path("type").asString()).isEqualTo("error");
    }

    /** The ids of the nodes {@code node}'s panel shows as up. */
    private List<String> nodesUp(ScalingServer node, String admin) throws Exception {
        HttpResponse<String> answer = cluster.get(node, NodesApi.PATH, admin);
        assertThat(answer.statusCode()).as("GET %s: %s", NodesApi.PATH, answer.body()).isEqualTo(200);
        List<String> up = new ArrayList<>();
        JSON.readTree(answer.body()).forEach(status -> {
            if ("up".equals(status.path("state").asString())) {
                up.add(status.path("node").asString());
            }
        });
        return up;
    }
}
