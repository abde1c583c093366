package org.livevitals.scaling.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.livevitals.testkit.Scenario;

/**
 * Lab 6: dashboards that know one address, nginx's, are spread over the nodes by round robin, and when a
 * node crashes its dashboards come back through the same address to the node that is left, resume, and
 * miss nothing.
 */
// Two or three JVMs start on a shared two-core machine (up to a minute and a half under load): more than
// the default two minutes, still bounded.
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ClientsThroughNginxTest {

    /** Enough dashboards that round robin must put some on each of the two nodes. */
    private static final int DASHBOARDS = 6;
    /** Readings before the crash, while its dashboards are cut off, and after they are back. */
    private static final int BEFORE = 3;
    private static final int DURING = 3;
    private static final int AFTER = 3;
    /** P001 is on the ICU: a doctor sees it. Pulses count up from here, one per reading, to tell them apart. */
    private static final String PATIENT = "P001";
    private static final int FIRST_PULSE = 60;

    @TempDir
    Path dataDir;

    @Test
    @Scenario("L6-16")
    void clientsThroughNginxAreSpreadOverTheNodesAndSurviveANodeKill() throws Exception {
        WebSocketClient jetty = new WebSocketClient();
        jetty.start();
        try (NginxCluster cluster = NginxCluster.start(dataDir, "n1", "n2")) {
            String doctor = cluster.signIn(NginxCluster.DOCTOR);
            String admin = cluster.signIn(NginxCluster.ADMIN);

            // The tickets first, then the connections: round robin spreads requests, and a ticket's request
            // between two connections would make every connection land on the same node.
            List<String> tickets = new ArrayList<>();
            for (int i = 0; i < DASHBOARDS; i++) {
                tickets.add(cluster.ticket(doctor));
            }
            List<NginxDashboard> dashboards = new ArrayList<>();
            for (int i = 0; i < DASHBOARDS; i++) {
                NginxDashboard dashboard = new NginxDashboard("dashboard " + i);
                dashboard.connect(jetty, cluster.entry(), tickets.get(i));
                dashboards.add(dashboard);
            }
            await().atMost(NginxCluster.PATIENCE).untilAsserted(() ->
                    assertThat(cluster.sessionsOn("n1", admin) + cluster.sessionsOn("n2", admin)).as("sessions on n1 and n2")
                            .isEqualTo(DASHBOARDS));
            int onN2 = cluster.sessionsOn("n2", admin);
            assertThat(cluster.sessionsOn("n1", admin)).as("dashboards nginx sent to n1").isPositive();
            assertThat(onN2).as("dashboards nginx sent to n2").isPositive();

            List<Integer> published = new ArrayList<>();
            int pulse = FIRST_PULSE;
            for (int i = 0; i < BEFORE; i++, pulse++) {
                cluster.publish(doctor, PATIENT, pulse);
                published.add(pulse);
            }
            awaitEveryoneHas(dashboards, published);

            cluster.kill("n2");
            await().atMost(NginxCluster.PATIENCE).untilAsserted(() -> assertThat(dashboards.stream().filter(d -> !d.isOpen()))
                    .as("dashboards cut off by n2's crash").hasSize(onN2));
            List<NginxDashboard> cutOff = dashboards.stream().filter(d -> !d.isOpen()).toList();

            for (int i = 0; i < DURING; i++, pulse++) {
                cluster.publish(doctor, PATIENT, pulse); // through nginx: to n1 now, n2's connect fails and is retried there
                published.add(pulse);
            }
            for (NginxDashboard dashboard : cutOff) {
                dashboard.connect(jetty, cluster.entry(), cluster.ticket(doctor));
            }
            for (int i = 0; i < AFTER; i++, pulse++) {
                cluster.publish(doctor, PATIENT, pulse);
                published.add(pulse);
            }

            awaitEveryoneHas(dashboards, published);
            assertThat(cluster.sessionsOn("n1", admin)).as("sessions on n1, the node that is left").isEqualTo(DASHBOARDS);
            for (NginxDashboard dashboard : cutOff) {
                assertThat(dashboard.recoveries()).as("how %s's resume on n1 went", dashboard).containsExactly("recovered");
            }
        } finally {
            jetty.stop();
        }
    }

    /** Every dashboard has every published reading, each once, in order: nothing lost, nothing twice. */
    private static void awaitEveryoneHas(List<NginxDashboard> dashboards, List<Integer> published) {
        for (NginxDashboard dashboard : dashboards) {
            await().atMost(NginxCluster.PATIENCE).untilAsserted(() ->
                    assertThat(dashboard.pulses()).as("the pulses %s received", dashboard).containsExactlyElementsOf(published));
        }
    }
}
