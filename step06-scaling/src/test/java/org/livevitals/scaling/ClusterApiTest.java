package org.livevitals.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.livevitals.scaling.Cluster.CARDIOLOGY_PATIENT;
import static org.livevitals.scaling.Cluster.ICU_PATIENT;
import static org.livevitals.scaling.Cluster.publish;
import static org.livevitals.scaling.Cluster.reading;

import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.livevitals.testkit.Scenario;

/** Lab 6: what Lab 5 remembered per server (spent tickets, the latest readings) is the cluster's. */
class ClusterApiTest extends ClusterScenario {

    @Test
    @Scenario("L6-19")
    void aTicketSpentOnOneNodeIsRefusedOnEveryOther() throws Exception {
        ScalingServer a = cluster.node("a");
        ScalingServer b = cluster.node("b");
        String ticket = client.ticket(a.httpUri(), client.signIn(a.httpUri(), NodeClient.DOCTOR));

        client.tryOpen(a.httpUri(), ticket).assertOpen();

        assertThat(client.tryOpen(b.httpUri(), ticket).assertFailure(401)).as("the same ticket, on node b").isNotNull();
    }

    @Test
    @Scenario("L6-20")
    void theApiOfANodeWithNoDashboardAnswersWithTheClustersLatestReadings() throws Exception {
        ScalingServer a = cluster.node("a");
        ScalingServer quiet = cluster.node("b"); // no session: it listens to no ward
        publish(a, reading(ICU_PATIENT, 81));
        publish(a, reading(CARDIOLOGY_PATIENT, 82));
        String nurse = client.signIn(quiet.httpUri(), NodeClient.ICU_NURSE);
        String doctor = client.signIn(quiet.httpUri(), NodeClient.DOCTOR);

        org.awaitility.Awaitility.await("the readings kept in Redis").atMost(Cluster.PATIENCE).until(() ->
                NodeClient.JSON.readTree(client.get(quiet.httpUri().resolve("/api/patients"), doctor).body())
                        .findValuesAsString("patient").size() == 2);
        HttpResponse<String> nurseAnswer = client.get(quiet.httpUri().resolve("/api/patients"), nurse);
        assertThat(NodeClient.JSON.readTree(nurseAnswer.body()).findValuesAsString("patient"))
                .as("the ICU nurse's patients, from node b: %s", nurseAnswer.body()).containsExactly(ICU_PATIENT);
    }
}
