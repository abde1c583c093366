package org.livevitals.scaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.livevitals.scaling.Cluster.ICU_PATIENT;
import static org.livevitals.scaling.Cluster.publish;
import static org.livevitals.scaling.Cluster.reading;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.livevitals.reconnect.ResumeRequest;
import org.livevitals.testkit.ChildJvm;
import org.livevitals.testkit.Scenario;
import tools.jackson.databind.JsonNode;

/** Lab 6: a node dies; its dashboards come back on another node and miss nothing. */
class FailoverTest extends ClusterScenario {

    private static final Pattern READY = Pattern.compile("Dashboard: open http://localhost:(\\d+)/ in a browser");
    /** A reading every this often, on the node that survives, for the whole scenario. */
    private static final Duration READING_EVERY = Duration.ofMillis(20);
    /** Readings published while the dashboard has no node: what the resume must bring back. */
    private static final int MISSED_AT_LEAST = 20;
    /** Live readings after the resume that must follow on with no gap. */
    private static final int LIVE_AFTER = 20;

    private final ScheduledExecutorService device = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopDevice() {
        device.shutdownNow(); // before the cluster stops: JUnit runs a subclass's @AfterEach first
    }

    private ChildJvm nodeInItsOwnProcess(String id) {
        return ChildJvm.start("node-" + id, Main.class, List.of("server", "--port", "0", "--device-port", "0",
                "--patients", "0", "--tls-port", "-1", "--redis", cluster.redis.uri(), "--node-id", id,
                "--data-dir", cluster.dataDir(id).toString(), "--signing-key", cluster.signingKey().toString(),
                "--no-record"), // the live path is what fails over here; the record has its own scenarios
                READY, Cluster.PATIENCE);
    }

    @Test
    @Scenario("L6-06")
    void aNodeKilledMidStreamItsDashboardResumesOnAnotherWithNothingLost() throws Exception {
        ScalingServer survivor = cluster.node("b");
        try (ChildJvm doomed = nodeInItsOwnProcess("a")) {
            URI doomedUri = URI.create("http://localhost:" + doomed.readyMatch().group(1) + "/");
            String token = client.signIn(doomedUri, NodeClient.DOCTOR);
            NodeClient.Dashboard onA = client.open(doomedUri, token, "doctor on a", "");
            String epoch = onA.first.path("epoch").asString();

            AtomicInteger pulse = new AtomicInteger(60);
            device.scheduleAtFixedRate(() -> publish(survivor, reading(ICU_PATIENT, 60 + pulse.incrementAndGet() % 60)),
                    0, READING_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            long lastSeq = onA.nextReadingOf(ICU_PATIENT).path("seq").asLong();
            for (int i = 0; i < 5; i++) {
                lastSeq = onA.nextReadingOf(ICU_PATIENT).path("seq").asLong();
            }

            doomed.kill(); // SIGKILL: no goodbye to Redis, the dashboard or anyone
            long lastSeenOnA = lastSeq;
            var history = survivor.secure().stream().history();
            await("readings published after the kill").atMost(Cluster.PATIENCE)
                    .until(() -> history.latestSeq() >= lastSeenOnA + MISSED_AT_LEAST);

            NodeClient.Dashboard onB = client.open(survivor.httpUri(), token, "doctor on b",
                    "&" + ResumeRequest.EPOCH + "=" + epoch + "&" + ResumeRequest.LAST_SEQ + "=" + lastSeq);

            assertThat(onB.first.path("type").asString()).as("the first message on the other node: %s", onB.first)
                    .isEqualTo("recovery");
            assertThat(onB.first.path("recovered").asBoolean()).as("recovered: %s", onB.first).isTrue();
            List<Long> seqs = new ArrayList<>();
            onB.first.path("missed").forEach(message -> seqs.add(message.path("seq").asLong()));
            assertThat(seqs.size()).as("readings replayed from the stream").isGreaterThanOrEqualTo(MISSED_AT_LEAST);
            while (seqs.size() < MISSED_AT_LEAST + LIVE_AFTER) {
                JsonNode live = onB.nextOfType("reading");
                if (live.path("seq").asLong() > seqs.get(seqs.size() - 1)) { // a replayed one delivered live too is a repeat
                    seqs.add(live.path("seq").asLong());
                }
            }
            for (int i = 0; i < seqs.size(); i++) {
                assertThat(seqs.get(i)).as("message %d after the resume from %d (all: %s)", i, lastSeenOnA, seqs)
                        .isEqualTo(lastSeenOnA + 1 + i);
            }
        }
    }
}
