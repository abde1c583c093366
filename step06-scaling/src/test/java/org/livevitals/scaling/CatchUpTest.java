package org.livevitals.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.livevitals.scaling.Cluster.ICU_PATIENT;
import static org.livevitals.scaling.Cluster.publish;
import static org.livevitals.scaling.Cluster.reading;

import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.livevitals.testkit.Scenario;

/**
 * Lab 6: pub/sub gives a message only to whoever listens at that moment. A node whose subscription was
 * cut gets back, by itself, what was published meanwhile: from the stream.
 */
class CatchUpTest extends ClusterScenario {

    /** Published at once after the cut, long before Lettuce's reconnect (200 ms later) can hear any of them live. */
    private static final int PUBLISHED_WHILE_CUT = 20;

    @Test
    @Scenario("L6-21")
    void aNodeWhoseSubscriptionWasCutDeliversWhatWasPublishedMeanwhileFromTheStream() throws Exception {
        ScalingServer a = cluster.node("a");
        ScalingServer b = cluster.node("b");
        NodeClient.Dashboard doctorOnB = client.open(b, NodeClient.DOCTOR);
        publish(a, reading(ICU_PATIENT, 60));
        long before = doctorOnB.nextReadingOf(ICU_PATIENT).path("seq").asLong();

        RedisClient redis = RedisClient.create(cluster.redis.uri());
        try (StatefulRedisConnection<String, String> operator = redis.connect()) {
            operator.sync().clientKill(KillArgs.Builder.typePubsub()); // every node's subscriptions, cut
        } finally {
            redis.shutdown();
        }
        for (int i = 1; i <= PUBLISHED_WHILE_CUT; i++) {
            publish(a, reading(ICU_PATIENT, 60 + i));
        }

        List<Long> seqs = new ArrayList<>();
        while (seqs.size() < PUBLISHED_WHILE_CUT) {
            seqs.add(doctorOnB.nextReadingOf(ICU_PATIENT).path("seq").asLong());
        }
        for (int i = 0; i < PUBLISHED_WHILE_CUT; i++) {
            assertThat(seqs.get(i)).as("reading %d after the cut (all: %s)", i + 1, seqs).isEqualTo(before + 1 + i);
        }
    }
}
