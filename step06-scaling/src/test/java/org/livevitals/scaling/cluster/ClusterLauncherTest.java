package org.livevitals.scaling.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.livevitals.scaling.EmbeddedRedis;
import org.livevitals.security.SigningKey;
import org.livevitals.testkit.ChildJvm;

/**
 * Lab 6: the launcher behind {@code cluster}, on free ports: it starts Redis, the nodes and nginx, and
 * stops every one of them; and a launcher that is killed takes its nodes with it.
 */
// Two or three JVMs start on a shared two-core machine (up to a minute and a half under load): more than
// the default two minutes, still bounded.
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class ClusterLauncherTest {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path dataDir;

    private final List<String> printed = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    static ClusterPlan planOnFreePorts(Path dataDir, String redisUri, boolean embeddedRedis, boolean withNginx, int nodes) {
        List<Integer> httpPorts = new java.util.ArrayList<>();
        List<Integer> devicePorts = new java.util.ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            httpPorts.add(NginxFixture.freePort());
            devicePorts.add(NginxFixture.freePort());
        }
        return ClusterPlan.of(httpPorts, devicePorts, 2, redisUri, embeddedRedis,
                withNginx ? NginxFixture.freePort() : ClusterPlan.NO_NGINX, dataDir, dataDir.resolve(SigningKey.DEVELOPMENT_FILE_NAME), List.of("--no-record"));
    }

    private int status(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).timeout(PATIENCE).build(), HttpResponse.BodyHandlers.ofString())
                .statusCode();
    }

    @Test
    void theLauncherStartsRedisTheNodesAndNginxAndStopsThemAll() throws Exception {
        Path nginx = NginxFixture.nginxOrSkip();
        ClusterPlan plan = planOnFreePorts(dataDir, "redis://127.0.0.1:" + NginxFixture.freePort(), true, true, 2);

        List<NodeProcess> nodes;
        Nginx front;
        try (Cluster cluster = Cluster.start(plan, nginx, NginxFixture.template(), printed::add)) {
            nodes = cluster.nodes();
            front = cluster.nginx();
            assertThat(nodes).extracting(NodeProcess::isAlive).containsExactly(true, true);
            assertThat(status("http://127.0.0.1:" + plan.nginxPort() + "/")).as("the dashboard page through nginx").isEqualTo(200);
            assertThat(dataDir.resolve(SigningKey.DEVELOPMENT_FILE_NAME)).as("the shared signing key").exists();
        }

        assertThat(nodes).extracting(NodeProcess::isAlive).as("the nodes after close").containsExactly(false, false);
        assertThat(front.isAlive()).as("nginx after close").isFalse();
        assertThat(printed).as("what the launcher printed while stopping")
                .containsSubsequence("Stopping nginx (pid " + front.pid() + ")", "Stopping n1 (pid " + nodes.get(0).pid() + ")",
                        "Stopping n2 (pid " + nodes.get(1).pid() + ")", "Stopping Redis");
        for (int port : List.of(plan.nginxPort(), plan.nodes().get(0).httpPort(), plan.nodes().get(1).httpPort(), plan.redisPort())) {
            await().atMost(PATIENCE).until(() -> refusesConnections(port));
        }
    }

    @Test
    void aNodeThatCannotStartStopsTheOthersAndSaysWhy() throws Exception {
        try (EmbeddedRedis redis = EmbeddedRedis.startOnFreePort()) {
            ClusterPlan plan = planOnFreePorts(dataDir, redis.uri(), false, false, 2);
            ClusterPlan broken = new ClusterPlan(plan.redisUri(), false, List.of(plan.nodes().get(0), new ClusterPlan.Node("n2",
                    plan.nodes().get(1).httpPort(), plan.nodes().get(1).devicePort(), 0, dataDir.resolve("n2"),
                    List.of("server", "--no-such-option"))), ClusterPlan.NO_NGINX, plan.nginxPrefix(), plan.signingKey());

            org.assertj.core.api.Assertions.assertThatThrownBy(() -> Cluster.start(broken, null, null, printed::add))
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("node n2 exited with code 2 before it was ready")
                    .hasMessageContaining("Unknown option: '--no-such-option'");
            await().atMost(PATIENCE).until(() -> refusesConnections(plan.nodes().get(0).httpPort()));
        }
    }

    @Test
    void nodesStopWhenTheirLauncherIsKilled() throws Exception {
        try (EmbeddedRedis redis = EmbeddedRedis.startOnFreePort()) {
            ClusterPlan plan = planOnFreePorts(dataDir, redis.uri(), false, false, 2);
            List<String> args = new java.util.ArrayList<>(List.of(redis.uri(), dataDir.toString()));
            plan.nodes().forEach(node -> args.addAll(List.of(String.valueOf(node.httpPort()), String.valueOf(node.devicePort()))));
            List<ProcessHandle> nodes;
            try (ChildJvm launcher = ChildJvm.start("launcher", LauncherMain.class, args,
                    Pattern.compile("nodes ready: pids (\\d+) (\\d+)"), PATIENCE)) {
                nodes = List.of(ProcessHandle.of(Long.parseLong(launcher.readyMatch().group(1))).orElseThrow(),
                        ProcessHandle.of(Long.parseLong(launcher.readyMatch().group(2))).orElseThrow());

                launcher.kill();
            }

            try {
                for (ProcessHandle node : nodes) {
                    await().atMost(PATIENCE).untilAsserted(() -> assertThat(node.isAlive())
                            .as("node pid %d, %s after its launcher was killed", node.pid(), node.info().command().orElse("?"))
                            .isFalse());
                }
            } finally {
                nodes.forEach(ProcessHandle::destroyForcibly); // no node outlives the test, even when this one fails
            }
        }
    }

    /** The launcher in a JVM of its own, on the ports the test gives: redisUri dataDir (httpPort devicePort)... */
    public static final class LauncherMain {
        public static void main(String[] args) throws Exception {
            List<Integer> httpPorts = new java.util.ArrayList<>();
            List<Integer> devicePorts = new java.util.ArrayList<>();
            for (int i = 2; i < args.length; i += 2) {
                httpPorts.add(Integer.parseInt(args[i]));
                devicePorts.add(Integer.parseInt(args[i + 1]));
            }
            Path dataDir = Path.of(args[1]);
            ClusterPlan plan = ClusterPlan.of(httpPorts, devicePorts, 0, args[0], false, ClusterPlan.NO_NGINX, dataDir,
                    dataDir.resolve(SigningKey.DEVELOPMENT_FILE_NAME), List.of("--no-record"));
            Cluster cluster = Cluster.start(plan, null, null, System.out::println);
            System.out.println("nodes ready: pids " + cluster.nodes().get(0).pid() + " " + cluster.nodes().get(1).pid());
            org.livevitals.cli.CtrlC.awaitAndClose(cluster);
        }
    }

    static boolean refusesConnections(int port) {
        try (Socket ignored = new Socket("127.0.0.1", port)) {
            return false;
        } catch (ConnectException refused) {
            return true;
        } catch (IOException other) {
            return false;
        }
    }
}
