package org.livevitals.scaling.cluster;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the {@code cluster} command starts, worked out before anything starts: the Redis, each node's
 * ports, data directory and command line, and nginx in front. {@code cluster --dry-run} prints it; the
 * launcher ({@link Cluster}) runs exactly this.
 *
 * <p>Every node runs this step's {@code server} with the same Redis and the same signing key (a token
 * one node signed is good on every node: that is what lets nginx send each request anywhere) and a data
 * directory of its own (its own audit trail: two processes appending to one file would interleave their
 * hash chains). TLS is off on the nodes: nginx is the one address clients use, and where TLS is wanted it
 * ends there. Behind nginx each node trusts nginx's {@code X-Forwarded-For} ({@code --trusted-proxy}), so
 * that its audit trail and its per-address limits see each client, not nginx. Only the first node
 * simulates patients: two simulations would be two sets of patients with the same ids.
 *
 * @param redisUri       the Redis every node uses
 * @param embeddedRedis  whether the launcher starts that Redis itself (embedded, on {@link #redisPort()})
 * @param nodes          the nodes, in order
 * @param nginxPort      nginx's port, or {@link #NO_NGINX}
 * @param nginxPrefix    the directory nginx runs in (its rendered configuration, logs and temporary files)
 * @param signingKey     the key file every node signs and checks tokens with
 */
public record ClusterPlan(String redisUri, boolean embeddedRedis, List<Node> nodes, int nginxPort, Path nginxPrefix,
        Path signingKey) {

    /** {@link #nginxPort()} of a cluster without nginx. */
    public static final int NO_NGINX = -1;
    /** The node ids are n1, n2, ...: short, and what the logs and the admin view show. */
    public static final String NODE_ID_PREFIX = "n";
    /** The nginx prefix's name inside the data directory. */
    public static final String NGINX_DIR = "nginx";
    /** Where nginx's connections to the nodes come from: it runs beside them and reaches them on 127.0.0.1. */
    public static final String NGINX_ADDRESS = "127.0.0.1";

    /**
     * One node.
     *
     * @param id         its node id ({@code --node-id})
     * @param httpPort   its HTTP port for dashboards and the API
     * @param devicePort its TCP port for bedside devices
     * @param patients   how many simulated patients it runs
     * @param dataDir    its own data directory (audit trail)
     * @param args       its command line after the main class, starting with {@code server}
     */
    public record Node(String id, int httpPort, int devicePort, int patients, Path dataDir, List<String> args) {
        public Node {
            args = List.copyOf(args);
        }
    }

    public ClusterPlan {
        Objects.requireNonNull(redisUri, "redisUri");
        nodes = List.copyOf(nodes);
        if (nodes.isEmpty()) {
            throw new IllegalArgumentException("a cluster needs at least one node");
        }
    }

    /**
     * The plan for {@code count} nodes whose ports are taken one after the other from the first ones
     * given (HTTP {@code firstHttpPort}, {@code firstHttpPort + 1}, ...; devices likewise), as the
     * {@code cluster} command lays them out.
     */
    public static ClusterPlan consecutive(int count, int firstHttpPort, int firstDevicePort, int patients, String redisUri,
            boolean embeddedRedis, int nginxPort, Path dataDir, Path signingKey, List<String> nodeOptions) {
        List<Integer> httpPorts = new ArrayList<>();
        List<Integer> devicePorts = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            httpPorts.add(firstHttpPort + i);
            devicePorts.add(firstDevicePort + i);
        }
        return of(httpPorts, devicePorts, patients, redisUri, embeddedRedis, nginxPort, dataDir, signingKey, nodeOptions);
    }

    /**
     * The plan for one node per entry of {@code httpPorts} and {@code devicePorts}: the {@code cluster}
     * command's consecutive ports, or a test's free ones (nginx's configuration names the nodes' ports, so
     * they are real ports, never 0).
     *
     * @param patients    the first node's simulated patients (the others run none)
     * @param nodeOptions more options for every node's {@code server}, as written (e.g. {@code --heartbeat-ms=1000})
     */
    public static ClusterPlan of(List<Integer> httpPorts, List<Integer> devicePorts, int patients, String redisUri,
            boolean embeddedRedis, int nginxPort, Path dataDir, Path signingKey, List<String> nodeOptions) {
        if (httpPorts.size() != devicePorts.size()) {
            throw new IllegalArgumentException("one device port per node: " + httpPorts + " and " + devicePorts);
        }
        List<Node> nodes = new ArrayList<>();
        for (int i = 0; i < httpPorts.size(); i++) {
            String id = NODE_ID_PREFIX + (i + 1);
            Path nodeDir = dataDir.resolve(id);
            int nodePatients = i == 0 ? patients : 0;
            List<String> args = new ArrayList<>(List.of("server",
                    "--port", String.valueOf(httpPorts.get(i)),
                    "--device-port", String.valueOf(devicePorts.get(i)),
                    "--patients", String.valueOf(nodePatients),
                    "--redis", redisUri,
                    "--node-id", id,
                    "--data-dir", nodeDir.toString(),
                    "--signing-key", signingKey.toString(),
                    "--tls-port", "-1"));
            if (nginxPort != NO_NGINX) {
                // The page comes from nginx's address, so its WebSocket's Origin is nginx's, not the node's.
                args.addAll(List.of("--allow-origin", "http://localhost:" + nginxPort, "--allow-origin", "http://127.0.0.1:" + nginxPort));
                // Every connection comes from nginx: the client is the address nginx adds to X-Forwarded-For.
                args.addAll(List.of("--trusted-proxy", NGINX_ADDRESS));
            }
            args.addAll(nodeOptions);
            nodes.add(new Node(id, httpPorts.get(i), devicePorts.get(i), nodePatients, nodeDir, args));
        }
        return new ClusterPlan(redisUri, embeddedRedis, nodes, nginxPort, dataDir.resolve(NGINX_DIR), signingKey);
    }

    /** The port of {@link #redisUri()} (6379 when it names none). */
    public int redisPort() {
        int port = java.net.URI.create(redisUri).getPort();
        return port < 0 ? 6379 : port;
    }

    public boolean withNginx() {
        return nginxPort != NO_NGINX;
    }

    /** Where clients go: nginx, or the first node when there is no nginx. */
    public String entryUrl() {
        return "http://localhost:" + (withNginx() ? nginxPort : nodes.get(0).httpPort()) + "/";
    }

    /** The upstream servers of nginx's configuration, one per node. */
    public List<String> upstreams() {
        return nodes.stream().map(node -> NGINX_ADDRESS + ":" + node.httpPort()).toList();
    }

    /**
     * The plan in words, one line each, as {@code cluster} prints it before it starts them:
     * {@code javaCommand} is how a node's JVM is started (its arguments follow).
     */
    public List<String> describe(String javaCommand, String nginxCommand) {
        List<String> lines = new ArrayList<>();
        lines.add("Redis   " + redisUri + (embeddedRedis ? " (embedded, started by this launcher)" : " (yours: started elsewhere)"));
        for (Node node : nodes) {
            lines.add(String.format("%-7s http://localhost:%d/, devices on TCP port %d, %s, data in %s", node.id(), node.httpPort(),
                    node.devicePort(), node.patients() == 0 ? "no simulated patients" : node.patients() + " simulated patients",
                    node.dataDir()));
        }
        if (withNginx()) {
            lines.add(String.format("%-7s http://localhost:%d/ in front of %s, configuration in %s", "nginx", nginxPort,
                    String.join(", ", upstreams()), nginxPrefix.resolve(NginxConfig.FILE_NAME)));
        } else {
            lines.add("nginx   none: clients connect to a node themselves");
        }
        lines.add("Signing key shared by the nodes: " + signingKey);
        for (Node node : nodes) {
            lines.add(node.id() + ": " + javaCommand + " " + String.join(" ", node.args()));
        }
        if (withNginx()) {
            lines.add("nginx: " + nginxCommand);
        }
        return lines;
    }
}
