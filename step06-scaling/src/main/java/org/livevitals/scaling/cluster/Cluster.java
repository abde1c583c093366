package org.livevitals.scaling.cluster;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.livevitals.scaling.EmbeddedRedis;
import org.livevitals.security.SigningKey;

/**
 * A running cluster: Redis, the nodes of a {@link ClusterPlan} as child JVMs, and nginx in front.
 *
 * <p>It starts them in the order they depend on each other (Redis, the nodes, then nginx, which has
 * nothing to send clients to before) and stops them the other way round: nginx first, so no new client
 * arrives at a node that is going; then the nodes, whose goodbyes close the WebSockets nginx is still
 * carrying; then Redis, which the nodes use until their last moment. (The embedded Redis can go
 * earlier: the library that ships it stops it from a shutdown hook of its own, and a Ctrl-C in the
 * terminal reaches its process too. The nodes then log that they cannot reconnect while they stop.)
 *
 * <p>Starting takes seconds, and a Ctrl-C may come in the middle: {@link #close()} may run (from a
 * shutdown hook) while {@link #startAll} is at work. It stops what has started, and {@link #startAll}
 * starts nothing more and fails.
 */
public final class Cluster implements AutoCloseable {

    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(2);
    private static final String STOPPED_WHILE_STARTING = "stopped while it started";

    private final ClusterPlan plan;
    private final Consumer<String> out;
    private final List<NodeProcess> nodes = new CopyOnWriteArrayList<>();
    private volatile EmbeddedRedis redis;
    private volatile Nginx nginx;
    /** Set by the first {@link #close()}; {@link #keep} refuses every part started after it. */
    private boolean closing;
    /** Held while stopping, so that a second close waits for the first to finish. */
    private final Object stopping = new Object();
    private boolean stopped;

    private Cluster(ClusterPlan plan, Consumer<String> out) {
        this.plan = plan;
        this.out = out;
    }

    /**
     * A cluster for {@code plan} with nothing started yet: register its {@link #close()} (a shutdown hook)
     * first, then {@link #startAll}.
     *
     * @param out where the cluster's lines go (the nodes' and nginx's output, behind their names)
     */
    public static Cluster of(ClusterPlan plan, Consumer<String> out) {
        return new Cluster(plan, out);
    }

    /**
     * {@link #of} and {@link #startAll} in one: returns a running cluster, or stops what had started and
     * throws.
     */
    public static Cluster start(ClusterPlan plan, Path nginxExecutable, String nginxTemplate, Consumer<String> out) {
        Cluster cluster = of(plan, out);
        cluster.startAll(nginxExecutable, nginxTemplate);
        return cluster;
    }

    /**
     * Starts everything the plan says and returns once every node is ready and nginx listens. If a part
     * fails to start, or the cluster is closed meanwhile, what had started is stopped and this throws.
     *
     * @param nginxExecutable nginx, or null to start none (the plan must then have no nginx either)
     * @param nginxTemplate   the configuration template ({@link NginxConfig#template}); unused without nginx
     */
    public void startAll(Path nginxExecutable, String nginxTemplate) {
        if (plan.withNginx() && nginxExecutable == null) {
            throw new IllegalArgumentException("the plan has nginx, but there is no nginx to run");
        }
        try {
            startParts(nginxExecutable, nginxTemplate);
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    private void startParts(Path nginxExecutable, String nginxTemplate) {
        if (plan.embeddedRedis()) {
            EmbeddedRedis started;
            try {
                started = EmbeddedRedis.start(plan.redisPort());
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("cannot start the embedded Redis on port " + plan.redisPort() + " (" + e.getMessage()
                        + "); is a Redis running there already? Then use it: --redis redis://localhost:" + plan.redisPort(), e);
            }
            keep(started::close, () -> redis = started);
        }
        // Made before the nodes start, so that they share one key instead of each making its own.
        if (!Files.exists(plan.signingKey())) {
            if (!plan.signingKey().getFileName().toString().equals(SigningKey.DEVELOPMENT_FILE_NAME)) {
                throw new IllegalStateException("the signing key " + plan.signingKey() + " does not exist");
            }
            SigningKey.development(plan.signingKey().toAbsolutePath().getParent());
        }
        for (ClusterPlan.Node node : plan.nodes()) {
            NodeProcess started = NodeProcess.start(node, line -> out.accept("[" + node.id() + "] " + line), this::exitedUnasked);
            keep(started::stop, () -> nodes.add(started));
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(HTTP_TIMEOUT).build();
        for (NodeProcess node : nodes) {
            try {
                node.awaitReady(http);
            } catch (IllegalStateException e) {
                synchronized (this) {
                    if (closing) { // the node exited because it was stopped, not because it failed
                        throw new IllegalStateException(STOPPED_WHILE_STARTING);
                    }
                }
                throw e;
            }
        }
        if (plan.withNginx()) {
            String config = NginxConfig.render(nginxTemplate, plan.nginxPort(), plan.upstreams());
            NginxConfig.writeTo(plan.nginxPrefix(), config);
            Nginx.check(nginxExecutable, plan.nginxPrefix());
            Nginx started = Nginx.start(nginxExecutable, plan.nginxPrefix(), line -> out.accept("[nginx] " + line));
            keep(started::stop, () -> nginx = started);
        }
    }

    /** Keeps a part that has just started ({@code add}), or, when the cluster is closing already, stops it and fails. */
    private void keep(Runnable stop, Runnable add) {
        synchronized (this) {
            if (!closing) {
                add.run();
                return;
            }
        }
        stop.run();
        throw new IllegalStateException(STOPPED_WHILE_STARTING);
    }

    private void exitedUnasked(NodeProcess node) {
        out.accept("[" + node.id() + "] exited with code " + node.exitCode()
                + (plan.withNginx() && nodes.size() > 1 ? ": nginx sends its clients to the other nodes" : ""));
    }

    public ClusterPlan plan() {
        return plan;
    }

    /** The nodes started so far, in the plan's order. */
    public List<NodeProcess> nodes() {
        return List.copyOf(nodes);
    }

    public NodeProcess node(String id) {
        return nodes.stream().filter(node -> node.id().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no node " + id));
    }

    /** nginx, or null in a cluster without it (or before it started). */
    public Nginx nginx() {
        return nginx;
    }

    /**
     * Stops nginx, the nodes and Redis, in that order; each part is stopped even when another fails to.
     * A second call (the shutdown hook after a failed start) waits for the first and does nothing more.
     */
    @Override
    public void close() {
        synchronized (this) {
            closing = true;
        }
        synchronized (stopping) {
            if (stopped) {
                return;
            }
            stopped = true;
            stopAll();
        }
    }

    private void stopAll() {
        Nginx front = nginx;
        if (front != null) {
            out.accept("Stopping nginx (pid " + front.pid() + ")");
            front.quit(); // returns at once: it stops taking clients, and ends once the nodes close theirs
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
        if (front != null) {
            front.stop();
        }
        EmbeddedRedis backplane = redis;
        if (backplane != null) {
            out.accept("Stopping Redis");
            try {
                backplane.close();
            } catch (RuntimeException e) {
                out.accept("Stopping Redis failed: " + e.getMessage());
            }
        }
    }
}
