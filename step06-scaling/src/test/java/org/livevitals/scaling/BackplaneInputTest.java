package org.livevitals.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.livevitals.scaling.Cluster.ICU_PATIENT;
import static org.livevitals.scaling.Cluster.publish;
import static org.livevitals.scaling.Cluster.reading;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.livevitals.security.Wards;
import org.livevitals.testkit.Scenario;

/**
 * Lab 6: whatever reaches a node through Redis that is not what a node sends (a stray publisher, a
 * half-upgraded node) is logged and dropped; the node keeps delivering and answering.
 */
class BackplaneInputTest extends ClusterScenario {

    private static final List<String> NOT_ENVELOPES = List.of("", "hello", "\n\n\n\n\n",
            "ffff\nnot-a-number\nP001\n0\n\n{}", "ffff\n1\nP001\n0\nPatient=P001|Pulse=900\n{\"type\":\"reading\"}",
            "ffff\n2\nP001\n0\n\nnot json at all", "x".repeat(100_000));
    private static final List<String> NOT_QUESTIONS = List.of("", "[]", "{\"kind\":\"command\"}",
            "{\"kind\":\"command\",\"from\":\"a b\",\"id\":\"1\"}",
            "{\"kind\":\"acknowledge\",\"from\":\"a\",\"id\":\"2\",\"role\":\"superuser\",\"alert\":\"a.A1\"}",
            "{\"kind\":\"command\",\"from\":\"a\",\"id\":\"3\",\"patient\":\"P001\",\"command\":\"self-destruct\"}",
            "{\"kind\":\"answer\",\"id\":\"nobody-asked\"}");

    @Test
    @Scenario("L6-18")
    void strayMessagesOnAWardTopicOrANodesMailboxAreDroppedAndTheNodeGoesOn() throws Exception {
        ScalingServer a = cluster.node("a");
        ScalingServer b = cluster.node("b");
        NodeClient.Dashboard doctorOnB = client.open(b, NodeClient.DOCTOR);
        RedisClient redis = RedisClient.create(cluster.redis.uri());
        try (StatefulRedisConnection<String, String> stranger = redis.connect()) {
            for (String text : NOT_ENVELOPES) {
                stranger.sync().publish(RedisKeys.topic(Optional.of(Wards.ICU)), text);
            }
            for (String text : NOT_QUESTIONS) {
                stranger.sync().publish(NodeMailbox.topicOf("b"), text);
            }
        } finally {
            redis.shutdown();
        }

        publish(a, reading(ICU_PATIENT, 77));

        assertThat(doctorOnB.nextOfType("reading").path("vitals").path("heartRate").path("value").asInt())
                .as("the first reading on node b after the stray messages: the real one").isEqualTo(77);
        assertThat(b.backplane().connected()).isTrue();
    }
}
