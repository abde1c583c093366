package org.livevitals.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livevitals.security.Access;
import org.livevitals.security.Role;
import org.livevitals.security.Wards;
import org.livevitals.testkit.Scenario;

/** Lab 6: a node listens to the wards its sessions may see, and to no others. */
class WardTopicsTest {

    private static final Wards WARDS = Wards.ofSimulatedPatients(Wards.DEMO_PATIENTS);
    private static final String ICU = RedisKeys.topic(Optional.of(Wards.ICU));
    private static final String CARDIOLOGY = RedisKeys.topic(Optional.of(Wards.CARDIOLOGY));
    private static final String NO_WARD = RedisKeys.topic(Optional.empty());

    @TempDir
    Path dataDir;

    private final List<List<String>> subscribed = new ArrayList<>();
    private final List<List<String>> unsubscribed = new ArrayList<>();
    private final WardTopics topics = new WardTopics(WARDS, subscribed::add, unsubscribed::add);

    @Test
    @Scenario("L6-03")
    void eachRoleNeedsTheTopicsOfWhatItMaySee() {
        assertThat(topics.topicsFor(new Access("dr.lee", Role.DOCTOR, Set.of())))
                .as("a doctor: every ward, and the patients on none").containsExactlyInAnyOrder(ICU, CARDIOLOGY, NO_WARD);
        assertThat(topics.topicsFor(new Access("nurse.kim", Role.NURSE, Set.of(Wards.ICU))))
                .as("an ICU nurse").containsExactly(ICU);
        assertThat(topics.topicsFor(new Access("nurse.lou", Role.NURSE, Set.of("oncology"))))
                .as("a nurse of a ward with no patient yet").containsExactly(RedisKeys.topic(Optional.of("oncology")));
        assertThat(topics.topicsFor(new Access("admin.ray", Role.ADMIN, Set.of()))).as("an admin sees no vitals").isEmpty();
    }

    @Test
    @Scenario("L6-10")
    void theFirstSessionOfAWardSubscribesAndTheLastOneToLeaveUnsubscribes() {
        Access kim = new Access("nurse.kim", Role.NURSE, Set.of(Wards.ICU));
        Access amy = new Access("nurse.amy", Role.NURSE, Set.of(Wards.ICU));

        topics.admitted(kim);
        topics.admitted(amy);
        topics.left(kim);
        assertThat(subscribed).as("subscriptions").containsExactly(List.of(ICU));
        assertThat(unsubscribed).as("while a session still needs the ward").isEmpty();

        topics.left(amy);
        assertThat(unsubscribed).as("after the last one left").containsExactly(List.of(ICU));
        assertThat(topics.subscribed()).isEmpty();
    }

    @Test
    @Scenario("L6-11")
    void aNodeWithOnlyACardiologyNurseIsNotSubscribedToTheIcuInRedis() throws Exception {
        try (Cluster cluster = new Cluster(dataDir); NodeClient client = new NodeClient()) {
            ScalingServer node = cluster.node("b");
            RedisClient redis = RedisClient.create(cluster.redis.uri());
            try (StatefulRedisConnection<String, String> connection = redis.connect()) {
                NodeClient.Dashboard nurse = client.open(node, NodeClient.CARDIOLOGY_NURSE);
                Map<String, Long> listeners = connection.sync().pubsubNumsub(ICU, CARDIOLOGY, NO_WARD);
                assertThat(listeners).as("subscribers per topic in Redis, with a cardiology nurse on the node")
                        .containsEntry(CARDIOLOGY, 1L).containsEntry(ICU, 0L).containsEntry(NO_WARD, 0L);

                nurse.recorder().session().close();
                await("the node to leave the cardiology topic").atMost(Cluster.PATIENCE)
                        .until(() -> connection.sync().pubsubNumsub(CARDIOLOGY).get(CARDIOLOGY) == 0L);
            } finally {
                redis.shutdown();
            }
        }
    }
}
