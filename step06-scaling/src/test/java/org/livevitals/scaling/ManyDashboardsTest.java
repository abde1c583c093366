package org.livevitals.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.livevitals.scaling.Cluster.publish;
import static org.livevitals.scaling.Cluster.reading;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.LongStream;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.livevitals.testkit.Scenario;

/** Lab 6: a thousand dashboards spread over two nodes, and every one of them gets every reading. */
public class ManyDashboardsTest extends ClusterScenario {

    private static final int DASHBOARDS = 1_000;
    private static final int PATIENTS = 5;
    private static final int READINGS_PER_PATIENT = 4;
    /** Connections opened at a time, so the test does not become a load test. */
    private static final int CONNECTING_AT_ONCE = 50;
    private static final Duration EVERYONE_SERVED = Duration.ofSeconds(60);
    private static final Duration QUIET_FOR_LONGER = Duration.ofMinutes(5);
    private static final Pattern READING_SEQ = Pattern.compile("^\\{\"type\":\"reading\".*\"seq\":(\\d+)\\}$");

    private final WebSocketClient webSockets = new WebSocketClient();

    @BeforeEach
    void startDashboards() throws Exception {
        webSockets.setIdleTimeout(QUIET_FOR_LONGER); // the nodes send a heartbeat only once a minute here
        webSockets.start();
    }

    @AfterEach
    void stopDashboards() throws Exception {
        webSockets.stop();
    }

    /** A dashboard that only writes down the numbers of the readings it is sent. */
    public static final class CountingDashboard implements Session.Listener.AutoDemanding {
        final Set<Long> readings = ConcurrentHashMap.newKeySet();

        @Override
        public void onWebSocketText(String message) {
            Matcher reading = READING_SEQ.matcher(message);
            if (reading.matches()) {
                readings.add(Long.parseLong(reading.group(1)));
            }
        }
    }

    @Test
    @Scenario("L6-09")
    void aThousandDashboardsOverTwoNodesAllReceiveEveryReading() throws Exception {
        ScalingServer a = cluster.node("a");
        ScalingServer b = cluster.node("b");
        List<ScalingServer> nodes = List.of(a, b);
        String token = client.signIn(a.httpUri(), NodeClient.DOCTOR); // good on every node: one signing key
        List<CountingDashboard> dashboards = new ArrayList<>();
        List<CompletableFuture<Session>> connecting = new ArrayList<>();
        for (int i = 0; i < DASHBOARDS; i++) {
            URI node = nodes.get(i % 2).httpUri();
            CountingDashboard dashboard = new CountingDashboard();
            dashboards.add(dashboard);
            URI url = URI.create("ws://localhost:" + node.getPort() + "/ws?ticket=" + client.ticket(node, token));
            connecting.add(webSockets.connect(dashboard, url));
            if (connecting.size() == CONNECTING_AT_ONCE) {
                CompletableFuture.allOf(connecting.toArray(CompletableFuture[]::new)).get(Cluster.PATIENCE.toSeconds(), TimeUnit.SECONDS);
                connecting.clear();
            }
        }
        CompletableFuture.allOf(connecting.toArray(CompletableFuture[]::new)).get(Cluster.PATIENCE.toSeconds(), TimeUnit.SECONDS);
        await("every dashboard joined").atMost(Cluster.PATIENCE)
                .until(() -> a.secure().monitor().sessions().size() + b.secure().monitor().sessions().size() == DASHBOARDS);

        long firstSeq = a.secure().stream().history().latestSeq() + 1;
        for (int round = 0; round < READINGS_PER_PATIENT; round++) {
            for (int patient = 1; patient <= PATIENTS; patient++) {
                ScalingServer heardBy = nodes.get(patient % 2); // devices on both nodes
                publish(heardBy, reading(String.format("P%03d", patient), 60 + round));
            }
        }
        long lastSeq = firstSeq + PATIENTS * READINGS_PER_PATIENT - 1;
        Set<Long> expected = Set.copyOf(LongStream.rangeClosed(firstSeq, lastSeq).boxed().toList());
        await("every dashboard to have every reading").atMost(EVERYONE_SERVED)
                .until(() -> dashboards.stream().allMatch(dashboard -> dashboard.readings.containsAll(expected)));
        for (int i = 0; i < DASHBOARDS; i++) {
            assertThat(dashboards.get(i).readings).as("dashboard %d, on node %s", i, nodes.get(i % 2).nodeId())
                    .containsExactlyInAnyOrderElementsOf(expected);
        }
    }
}
