package org.livevitals.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.livevitals.scaling.Cluster.ICU_PATIENT;
import static org.livevitals.scaling.Cluster.publish;
import static org.livevitals.scaling.Cluster.reading;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.junit.jupiter.api.Test;
import org.livevitals.reconnect.ResumeRequest;
import org.livevitals.testkit.Scenario;
import org.livevitals.testkit.WebSocketRecorder;
import tools.jackson.databind.JsonNode;

/**
 * Lab 6: Redis restarts, empty. The nodes reconnect and re-subscribe by themselves; the cluster starts a
 * new epoch, and every dashboard is sent back to a snapshot. The loss window is what was published
 * while Redis was away: those readings are counted as not published, and no dashboard ever gets them.
 */
class RedisRestartTest extends ClusterScenario {

    /** How often the test publishes while it waits for the cluster to come back. */
    private static final Duration POLL = Duration.ofMillis(100);


    @Test
    @Scenario("L6-07")
    void redisRestartedEmptyTheNodesResubscribeAndDashboardsStartAgainFromASnapshot() throws Exception {
        ScalingServer a = cluster.node("a");
        ScalingServer b = cluster.node("b");
        String token = client.signIn(b.httpUri(), NodeClient.DOCTOR);
        NodeClient.Dashboard doctor = client.open(b.httpUri(), token, "doctor on b", "");
        String oldEpoch = doctor.first.path("epoch").asString();
        publish(a, reading(ICU_PATIENT, 71));
        long lastSeq = doctor.nextReadingOf(ICU_PATIENT).path("seq").asLong();

        cluster.redis.stop();
        await("both nodes to notice Redis is gone").atMost(Cluster.PATIENCE)
                .until(() -> !a.backplane().connected() && !b.backplane().connected());
        RedisBackplane aBackplane = (RedisBackplane) a.backplane();
        publish(a, reading(ICU_PATIENT, 72)); // inside the loss window
        await("the reading published while Redis was away, counted").atMost(Cluster.PATIENCE)
                .until(() -> aBackplane.notPublished() == 1);

        cluster.redis.start(); // the same port, nothing in it
        await("both nodes reconnected").atMost(Cluster.PATIENCE)
                .until(() -> a.backplane().connected() && b.backplane().connected());
        ScheduledExecutorService device = Executors.newSingleThreadScheduledExecutor();
        try {
            device.scheduleAtFixedRate(() -> publish(a, reading(ICU_PATIENT, 73)), 0, POLL.toMillis(), TimeUnit.MILLISECONDS);
            WebSocketRecorder.Closed closed = doctor.recorder().assertClosedAfterTexts(StatusCode.SERVICE_RESTART);
            assertThat(closed.reason()).as("why the dashboard on b was closed").contains("backplane restarted");
        } finally {
            device.shutdownNow();
            device.awaitTermination(Cluster.PATIENCE.toSeconds(), TimeUnit.SECONDS);
        }

        NodeClient.Dashboard back = client.open(b.httpUri(), token, "doctor on b, again",
                "&" + ResumeRequest.EPOCH + "=" + oldEpoch + "&" + ResumeRequest.LAST_SEQ + "=" + lastSeq);
        assertThat(back.first.path("type").asString()).as("%s", back.first).isEqualTo("recovery");
        assertThat(back.first.path("recovered").asBoolean()).as("an old epoch cannot resume: %s", back.first).isFalse();
        JsonNode snapshot = back.opening.get(1);
        assertThat(snapshot.path("type").asString()).as("after the refusal: %s", back.opening).isEqualTo("snapshot");
        assertThat(snapshot.path("epoch").asString()).as("the new epoch").isNotEqualTo(oldEpoch);
        assertThat(snapshot.path("readings").findValuesAsString("patient")).as("the snapshot after the restart")
                .contains(ICU_PATIENT);
        publish(a, reading(ICU_PATIENT, 74));
        assertThat(back.nextReadingOf(ICU_PATIENT).path("vitals").path("heartRate").path("value").asInt())
                .as("live again").isIn(73, 74);
        assertThat(aBackplane.notPublished()).as("readings lost in the window, all counted").isEqualTo(1);
    }
}
