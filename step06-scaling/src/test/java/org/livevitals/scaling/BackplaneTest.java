package org.livevitals.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.livevitals.scaling.Cluster.CARDIOLOGY_PATIENT;
import static org.livevitals.scaling.Cluster.ICU_PATIENT;
import static org.livevitals.scaling.Cluster.publish;
import static org.livevitals.scaling.Cluster.reading;

import org.junit.jupiter.api.Test;
import org.livevitals.testkit.Scenario;
import tools.jackson.databind.JsonNode;

/** Lab 6: what one node hears, every node's dashboards get, by Lab 5's rules. */
class BackplaneTest extends ClusterScenario {


    @Test
    @Scenario("L6-01")
    void aReadingArrivingAtOneNodeReachesADashboardOnAnother() throws Exception {
        ScalingServer a = cluster.node("a");
        ScalingServer b = cluster.node("b");
        NodeClient.Dashboard onA = client.open(a, NodeClient.DOCTOR);
        NodeClient.Dashboard onB = client.open(b, NodeClient.DOCTOR);

        publish(a, reading(ICU_PATIENT, 81));

        JsonNode seenOnB = onB.nextReadingOf(ICU_PATIENT);
        JsonNode seenOnA = onA.nextReadingOf(ICU_PATIENT);
        assertThat(seenOnB.path("vitals").path("heartRate").path("value").asInt()).as("the pulse on node b").isEqualTo(81);
        assertThat(seenOnB.path("seq").asLong()).as("one number for the whole cluster").isEqualTo(seenOnA.path("seq").asLong());
        assertThat(onB.first.path("epoch").asString()).as("one epoch for the whole cluster")
                .isEqualTo(onA.first.path("epoch").asString());
    }

    @Test
    @Scenario("L6-02")
    void aNurseOnAnotherNodeStillSeesOnlyHerWard() throws Exception {
        ScalingServer a = cluster.node("a");
        ScalingServer b = cluster.node("b");
        NodeClient.Dashboard cardiologyNurse = client.open(b, NodeClient.CARDIOLOGY_NURSE);
        NodeClient.Dashboard doctor = client.open(b, NodeClient.DOCTOR);

        publish(a, reading(ICU_PATIENT, 91));
        publish(a, reading(CARDIOLOGY_PATIENT, 92));

        assertThat(doctor.nextReadingOf(ICU_PATIENT).path("vitals").path("heartRate").path("value").asInt()).isEqualTo(91);
        assertThat(doctor.nextReadingOf(CARDIOLOGY_PATIENT).path("vitals").path("heartRate").path("value").asInt()).isEqualTo(92);
        JsonNode first = cardiologyNurse.nextOfType("reading");
        assertThat(first.path("patient").asString()).as("the cardiology nurse's first reading, after an ICU one was published first")
                .isEqualTo(CARDIOLOGY_PATIENT);
    }
}
