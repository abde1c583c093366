package org.livevitals.scaling.cluster;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.livevitals.scaling.EmbeddedRedis;
import org.livevitals.security.SigningKey;

/**
 * A running cluster: Redis, the nodes of a {@link ClusterPlan} as child JVMs, and nginx in front.
 *
 * <p>It starts them in the order they depend on each other (Redis, the nodes, then nginx, which has
 * nothing to send clients to before) and stops them the other way round: nginx first, so no new client
 * arrives at a node that is going; then the nodes, whose goodbyes close the WebSockets nginx is still
 * carrying; then Redis, which the nodes use until their last moment.
 */
public final class Cluster implements AutoCloseable {

    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(2);

    private final ClusterPlan plan;
    private final Consumer<String> out;
    private EmbeddedRedis redis;
    private final List<NodeProcess> nodes = new ArrayList<>();
    private Nginx nginx;

    private Cluster(ClusterPlan plan, Consumer<String> out) {
        this.plan = plan;
        this.out = out;
    }

    /**
     * Starts everything {@code plan} says and returns once every node is ready and nginx listens. If any
     * part fails to start, what had started is stopped again before the failure is thrown.
     *
     * @param nginxExecutable nginx, or null to start none (the plan must then have no nginx either)
     * @param nginxTemplate   the configuration template ({@link NginxConfig#template}); unused without nginx
     * @param out             where the cluster's lines go (the nodes' and nginx's output, behind their names)
     */
    public static Cluster start(ClusterPlan plan, Path nginxExecutable, String nginxTemplate, Consumer<String> out) {
        if (plan.withNginx() && nginxExecutable == null) {
            throw new IllegalArgumentException("the plan has nginx, but there is no nginx to run");
        }
        Cluster cluster = new Cluster(plan, out);
        try {
            cluster.startAll(nginxExecutable, nginxTemplate);
            return cluster;
        } catch (RuntimeException | Error e) {
            cluster.close();
            throw e;
        }
    }

    private void startAll(Path nginxExecutable, String nginxTemplate) {
        if (plan.embeddedRedis()) {
            try {
                redis = EmbeddedRedis.start(plan.redisPort());
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("cannot start the embedded Redis on port " + plan.redisPort() + " (" + e.getMessage()
                        + "); is a Redis running there already? Then use it: --redis redis://localhost:" + plan.redisPort(), e);
            }
        }
        // Made before the nodes start, so that they share one key instead of each making its own.
        if (!Files.exists(plan.signingKey())) {
            if (!plan.signingKey().getFileName().toString().equals(SigningKey.DEVELOPMENT_FILE_NAME)) {
                throw new IllegalStateException("the signing key " + plan.signingKey() + " does not exist");
            }
            SigningKey.development(plan.signingKey().toAbsolutePath().getParent());
        }
        for (ClusterPlan.Node node : plan.nodes()) {
            nodes.add(NodeProcess.start(node, line -> out.accept("[" + node.id() + "] " + line), this::exitedUnasked));
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build();
        for (NodeProcess node : nodes) {
            node.awaitReady(http);
        }
        if (plan.withNginx()) {
            String config = NginxConfig.render(nginxTemplate, plan.nginxPort(), plan.upstreams());
            NginxConfig.writeTo(plan.nginxPrefix(), config);
            Nginx.check(nginxExecutable, plan.nginxPrefix());
            nginx = Nginx.start(nginxExecutable, plan.nginxPrefix(), line -> out.accept("[nginx] " + line));
        }
    }

    private void exitedUnasked(NodeProcess node) {
        out.accept("[" + node.id() + "] exited with code " + node.exitCode()
                + (plan.withNginx() && nodes.size() > 1 ? ": nginx sends its clients to the other nodes" : ""));
    }

    public ClusterPlan plan() {
        return plan;
    }

    /** The nodes, in the plan's order. */
    public List<NodeProcess> nodes() {
        return List.copyOf(nodes);
    }

    public NodeProcess node(String id) {
        return nodes.stream().filter(node -> node.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + id));
    }

    /** nginx, or null in a cluster without it. */
    public Nginx nginx() {
        return nginx;
    }

    /** Stops nginx, the nodes and Redis, in that order; each part is stopped even when another fails to. */
    @Override
    public void close() {
        if (nginx != null) {
            out.accept("Stopping nginx (pid " + nginx.pid() + ")");
            nginx.quit(); // returns at once: it stops taking clients, and ends once the nodes close theirs
        }
        for (NodeProcess node : nodes) {
            if (node.isAlive()) {
                out.accept("Stopping " + node.id() + " (pid " + node.pid() + ")");
            }
            try {
                node.stop();
            } catch (RuntimeException e) {
                out.accept("Stopping " + node.id() + " failed: " + e.getMessage());
            }
        }
        if (nginx != null) {
            nginx.stop();
        }
        if (redis != null) {
            out.accept("Stopping Redis");
            try {
                redis.close();
            } catch (RuntimeException e) {
                out.accept("Stopping Redis failed: " + e.getMessage());
            }
        }
    }
}
