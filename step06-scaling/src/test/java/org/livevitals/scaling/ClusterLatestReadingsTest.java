package org.livevitals.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.livevitals.scaling.Cluster.CARDIOLOGY_PATIENT;
import static org.livevitals.scaling.Cluster.ICU_PATIENT;
import static org.livevitals.scaling.Cluster.OTHER_ICU_PATIENT;
import static org.livevitals.scaling.Cluster.publish;
import static org.livevitals.scaling.Cluster.reading;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.livevitals.testkit.Scenario;
import org.livevitals.testkit.SettableClock;
import tools.jackson.databind.JsonNode;

/**
 * Lab 6: the latest readings the cluster keeps in Redis follow Lab 3's {@code LatestReadings}: at most
 * {@link RedisBackplane#MAX_PATIENTS_PER_WARD} patients a ward, a new one replacing the one silent the
 * longest; the newest measurement wins; a patient silent for {@link RedisBackplane#FORGET_AFTER} is forgotten.
 */
class ClusterLatestReadingsTest extends ClusterScenario {

    /** How much earlier than the others the first patient was heard from, or a late reading was taken. */
    private static final Duration EARLIER = Duration.ofMinutes(1);
    /** How far past the forget window the cluster's clock is moved. */
    private static final Duration PAST_THE_WINDOW = Duration.ofMinutes(1);

    @Test
    @Scenario("L6-36")
    void aNewPatientInAFullWardIsKeptAndThePatientSilentTheLongestIsForgotten() throws Exception {
        SettableClock clock = new SettableClock(Instant.now());
        ScalingServer a = cluster.node("a", clock);
        ScalingServer b = cluster.node("b");
        int full = RedisBackplane.MAX_PATIENTS_PER_WARD;
        publish(a, reading(madeUp(0), 60, clock.instant())); // silent the longest
        clock.advance(EARLIER);
        for (int i = 1; i < full - 1; i++) {
            publish(a, reading(madeUp(i), 60, clock.instant()));
        }
        // heard last, though its device's clock is half an hour behind: silence is counted from arrival
        publish(a, reading("SLOW", 60, clock.instant().minus(Duration.ofMinutes(30))));
        String doctor = client.signIn(b.httpUri(), NodeClient.DOCTOR);
        await("the ward full: " + full + " patients kept").atMost(Cluster.PATIENCE)
                .until(() -> patients(b, doctor).size() == full);

        publish(a, reading("NEW", 60, clock.instant()));

        await("the new patient, on node b").atMost(Cluster.PATIENCE).until(() -> patients(b, doctor).containsKey("NEW"));
        Map<String, JsonNode> kept = patients(b, doctor);
        assertThat(kept).as("the patients node b answers with").hasSize(full).doesNotContainKey(madeUp(0)).containsKey("SLOW");
    }

    @Test
    @Scenario("L6-37")
    void aReadingTakenBeforeTheOneKeptDoesNotReplaceItEvenWhenItArrivesLater() throws Exception {
        ScalingServer a = cluster.node("a");
        ScalingServer b = cluster.node("b");
        String doctor = client.signIn(b.httpUri(), NodeClient.DOCTOR);
        Instant takenAt = Instant.now();
        publish(a, reading(ICU_PATIENT, 62, takenAt));
        await("the newer reading kept").atMost(Cluster.PATIENCE).until(() -> patients(b, doctor).containsKey(ICU_PATIENT));

        publish(b, reading(ICU_PATIENT, 61, takenAt.minus(EARLIER))); // late: a device resending, on another node
        publish(b, reading(CARDIOLOGY_PATIENT, 70)); // published after it on the same connection: kept after it
        await("node b's later reading").atMost(Cluster.PATIENCE).until(() -> patients(b, doctor).containsKey(CARDIOLOGY_PATIENT));

        assertThat(patients(b, doctor).get(ICU_PATIENT).path("vitals").path("heartRate").path("value").asInt())
                .as("%s's pulse in the cluster's latest readings", ICU_PATIENT).isEqualTo(62);
        assertThat(cluster.redisCli().hget(latestOf(a, ICU_PATIENT), ICU_PATIENT)).as("the line Redis keeps").contains("Pulse=62");
    }

    @Test
    @Scenario("L6-38")
    void aPatientSilentForTheForgetWindowIsGoneFromRedis() throws Exception {
        SettableClock clock = new SettableClock(Instant.now());
        ScalingServer a = cluster.node("a", clock);
        publish(a, reading(ICU_PATIENT, 62, clock.instant()));
        await("the reading kept").atMost(Cluster.PATIENCE)
                .until(() -> cluster.redisCli().hexists(latestOf(a, ICU_PATIENT), ICU_PATIENT));

        clock.advance(RedisBackplane.FORGET_AFTER.plus(PAST_THE_WINDOW));
        publish(a, reading(OTHER_ICU_PATIENT, 70, clock.instant()));
        await("the other ICU patient's reading kept").atMost(Cluster.PATIENCE)
                .until(() -> cluster.redisCli().hexists(latestOf(a, OTHER_ICU_PATIENT), OTHER_ICU_PATIENT));

        assertThat(cluster.redisCli().hexists(latestOf(a, ICU_PATIENT), ICU_PATIENT))
                .as("%s, silent for %s, in the ward's latest readings", ICU_PATIENT, RedisBackplane.FORGET_AFTER).isFalse();
        assertThat(cluster.redisCli().zscore(RedisKeys.latestTimesOf(topicOf(a, ICU_PATIENT)), ICU_PATIENT))
                .as("%s's time in the ward's sorted set of when each was heard", ICU_PATIENT).isNull();
        assertThat(cluster.redisCli().zscore(RedisKeys.latestTakenOf(topicOf(a, ICU_PATIENT)), ICU_PATIENT))
                .as("%s's time in the ward's sorted set of when each reading was taken", ICU_PATIENT).isNull();
        assertThat(cluster.redisCli().pttl(latestOf(a, ICU_PATIENT)))
                .as("the ward's hash expires when the ward falls silent").isBetween(1L, RedisBackplane.FORGET_AFTER.toMillis());
    }

    /** A made-up patient on no ward: one device can send any id the protocol allows. */
    private static String madeUp(int i) {
        return String.format("X%03d", i);
    }

    /** {@code GET /api/patients} on {@code node}: each patient's latest reading. */
    private Map<String, JsonNode> patients(ScalingServer node, String token) throws Exception {
        Map<String, JsonNode> byPatient = new LinkedHashMap<>();
        for (JsonNode reading : NodeClient.JSON.readTree(client.get(node.httpUri().resolve("/api/patients"), token).body())) {
            byPatient.put(reading.path("patient").asString(), reading);
        }
        return byPatient;
    }

    private static String topicOf(ScalingServer node, String patient) {
        return RedisKeys.topic(node.secure().wards().wardOf(patient));
    }

    private static String latestOf(ScalingServer node, String patient) {
        return RedisKeys.latestOf(topicOf(node, patient));
    }
}
