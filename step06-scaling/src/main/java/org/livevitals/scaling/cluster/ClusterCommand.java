package org.livevitals.scaling.cluster;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.livevitals.broadcast.LatestReadings;
import org.livevitals.broadcast.MonitorSettings;
import org.livevitals.cli.Launcher;
import org.livevitals.rawsockets.ArgumentChecks;
import org.livevitals.scaling.record.EmbeddedDatabase;
import org.livevitals.scaling.record.RecordOptions;
import org.livevitals.scaling.record.RecordSettings;
import org.livevitals.scaling.record.RecordStore;
import org.livevitals.security.SecuritySettings;
import org.livevitals.security.SigningKey;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cluster}: the whole cluster in one terminal, for a demonstration. It starts Redis (the embedded
 * one, unless {@code --redis} names yours), one to three nodes, each this step's {@code server} in a JVM
 * of its own, and nginx in front of them with the repository's configuration; it prints the one address
 * to open, and Ctrl-C stops it all (nginx, the nodes, then Redis).
 *
 * <p>It is a convenience, not magic: {@code --dry-run} prints every command it would run, and the lab
 * runs the same parts by hand, one terminal each. Without nginx on the machine it says how to install
 * it and runs the nodes alone.
 *
 * <pre>
 * java -jar step06-scaling/target/step06-scaling.jar cluster
 * java -jar step06-scaling/target/step06-scaling.jar cluster --nodes 3 --dry-run
 * </pre>
 */
@Command(name = "cluster", mixinStandardHelpOptions = true, version = "Live Vitals, Lab 6",
        description = "The whole cluster in one terminal: Redis, 1 to 3 nodes (each a JVM of its own on ports --port + 1, + 2, ...)"
                + " and nginx on --port in front of them. Ctrl-C stops it all.")
public final class ClusterCommand implements Callable<Integer> {

    private static final String NODES = "1..3";
    private static final int MAX_NODES = 3;
    /** Room for the nodes after the first port. */
    private static final String FIRST_PORT = "1.." + (ArgumentChecks.MAX_PORT - MAX_NODES);
    private static final String PATIENTS = "0.." + LatestReadings.DEFAULT_MAX_PATIENTS;
    /** Redis's usual port, where the embedded one runs. */
    public static final int EMBEDDED_REDIS_PORT = 6379;
    /** Where the embedded PostgreSQL of the cluster's record runs: not 5432, which a PostgreSQL of the machine's may hold. */
    public static final int EMBEDDED_DATABASE_PORT = 15432;
    /**
     * The cluster's record, apart from the single server's ({@code DIR/postgres}): both have a node n1,
     * each with an audit chain of its own, and one table cannot hold two chains under one name.
     */
    public static final String CLUSTER_DATABASE_DIRECTORY = "cluster-postgres";
    public static final int DEFAULT_PORT = MonitorSettings.DEFAULT_HTTP_PORT;
    /** Lab 1's device port plus one: node n1 is on 5051, n2 on 5052, ... */
    public static final int DEFAULT_DEVICE_PORT = 5051;

    @Spec
    CommandSpec spec;

    @Option(names = "--nodes", description = "How many nodes (" + NODES + ", default: ${DEFAULT-VALUE}).")
    int nodes = 2;

    @Option(names = "--port", description = "nginx's port, the address to open; the nodes take the next ones (" + FIRST_PORT
            + ", default: ${DEFAULT-VALUE}: nodes on 8081, 8082, ...).")
    int port = DEFAULT_PORT;

    @Option(names = "--device-port", description = "The first node's TCP port for bedside devices; the others take the next ones ("
            + FIRST_PORT + ", default: ${DEFAULT-VALUE}).")
    int devicePort = DEFAULT_DEVICE_PORT;

    @Option(names = "--patients", description = "Simulated patients, all on the first node (" + PATIENTS + ", default: ${DEFAULT-VALUE}).")
    int patients = MonitorSettings.DEFAULT_SIMULATED_PATIENTS;

    @Option(names = "--redis", paramLabel = "URL", description = "Your Redis, e.g. redis://localhost:6379"
            + " (default: an embedded Redis started on port " + EMBEDDED_REDIS_PORT + ").")
    String redis;

    @Option(names = "--data-dir", description = "Where each node keeps its audit trail (DIR/n1, DIR/n2, ...) and nginx its"
            + " configuration and logs (DIR/nginx) (default: ${DEFAULT-VALUE}).")
    Path dataDir = SecuritySettings.DEFAULT_DATA_DIR;

    @Option(names = "--signing-key", description = "JWK file with the EC P-256 key every node signs tokens with"
            + " (default: the development key in --data-dir, made if missing).")
    Path signingKey;

    @Option(names = "--database-url", paramLabel = "JDBC_URL", description = "The record's PostgreSQL, shared by every node,"
            + " e.g. jdbc:postgresql://db.example:5432/livevitals; its password from " + RecordOptions.PASSWORD_VARIABLE
            + " (default: an embedded PostgreSQL on port " + EMBEDDED_DATABASE_PORT + ", its data in DIR/" + CLUSTER_DATABASE_DIRECTORY + ").")
    String databaseUrl;

    @Option(names = "--no-record", description = "Keep no long-term record: the live path alone.")
    boolean noRecord;

    @Option(names = "--no-nginx", description = "Start no nginx: clients connect to a node themselves.")
    boolean noNginx;

    @Option(names = "--nginx-conf", paramLabel = "FILE", description = "The nginx configuration to render (default: "
            + NginxConfig.TEMPLATE + " of this repository).")
    Path nginxTemplate;

    @Option(names = "--node-option", paramLabel = "OPTION", description = "An option for every node's server, as written;"
            + " repeatable, e.g. --node-option=--heartbeat-ms=1000.")
    List<String> nodeOptions = new ArrayList<>();

    @Option(names = "--dry-run", description = "Print what would start, and how, then exit.")
    boolean dryRun;

    @Override
    public Integer call() throws Exception {
        Launcher.checkRange(spec, "--nodes", nodes, NODES);
        Launcher.checkRange(spec, "--port", port, FIRST_PORT);
        Launcher.checkRange(spec, "--device-port", devicePort, FIRST_PORT);
        Launcher.checkRange(spec, "--patients", patients, PATIENTS);
        if (redis != null && !redis.matches("rediss?://.+")) {
            throw Launcher.invalidValue(spec, "--redis", "a redis:// URL, e.g. redis://localhost:6379");
        }
        for (String option : nodeOptions) {
            if (!option.startsWith("-")) {
                throw Launcher.invalidValue(spec, "--node-option", "'" + option + "' is not an option: write --node-option=--heartbeat-ms=1000");
            }
        }
        if (databaseUrl != null && !databaseUrl.startsWith("jdbc:postgresql://")) {
            throw Launcher.invalidValue(spec, "--database-url", "a PostgreSQL JDBC URL, e.g. jdbc:postgresql://localhost:5432/livevitals");
        }
        if (databaseUrl != null && RecordSettings.hasPassword(databaseUrl)) {
            throw Launcher.invalidValue(spec, "--database-url", "no password in the URL (the nodes' command lines are visible to"
                    + " every user of the machine): give it in " + RecordOptions.PASSWORD_VARIABLE + ", which the nodes inherit");
        }
        if (noRecord && databaseUrl != null) {
            throw Launcher.invalidValue(spec, "--no-record", "not together with --database-url");
        }
        checkPortsApart();
        PrintWriter out = spec.commandLine().getOut();
        boolean embeddedDatabase = !noRecord && databaseUrl == null;
        Path databaseDirectory = dataDir.resolve(CLUSTER_DATABASE_DIRECTORY);
        String recordUrl = embeddedDatabase ? "jdbc:postgresql://127.0.0.1:" + EMBEDDED_DATABASE_PORT + "/" + EmbeddedDatabase.USER : databaseUrl;
        List<String> everyNode = new ArrayList<>(nodeOptions);
        // One record for the whole cluster: any node answers the same history, alerts and audit.
        everyNode.add(noRecord ? "--no-record" : "--database-url=" + recordUrl
                + (embeddedDatabase ? "?user=" + EmbeddedDatabase.USER : ""));

        Path nginx = null;
        String template = null;
        if (!noNginx) {
            nginx = Nginx.find().orElse(null);
            if (nginx == null) {
                out.println("nginx is not installed, so the nodes run without it (clients connect to a node themselves)."
                        + " To put it in front: " + Nginx.INSTALL + ".");
            } else {
                template = NginxConfig.template(nginxTemplate); // a missing template is found out before anything starts
            }
        }
        Path key = signingKey != null ? signingKey : dataDir.resolve(SigningKey.DEVELOPMENT_FILE_NAME);
        String redisUri = redis != null ? redis : "redis://127.0.0.1:" + EMBEDDED_REDIS_PORT;
        ClusterPlan plan = ClusterPlan.consecutive(nodes, port + 1, devicePort, patients, redisUri, redis == null,
                nginx == null ? ClusterPlan.NO_NGINX : port, dataDir, key, everyNode);

        out.println(dryRun ? "The cluster, as it would start:" : "Starting the cluster:");
        out.println("  Record  " + (noRecord ? "none (--no-record)" : embeddedDatabase
                ? recordUrl + " (embedded PostgreSQL, started by this launcher, its data in " + databaseDirectory + ")"
                : RecordStore.withoutParameters(recordUrl) + " (yours: started elsewhere)"));
        String nginxCommand = nginx == null ? "" : String.join(" ", Nginx.command(nginx, plan.nginxPrefix()));
        plan.describe(NodeProcess.printableJavaCommand(), nginxCommand).forEach(line -> out.println("  " + line));
        if (dryRun) {
            return 0;
        }
        // The shutdown hook comes first (CtrlC registers its own once a program runs): the cluster takes
        // seconds to start, and a Ctrl-C meanwhile must stop what has started, not leave it running.
        Cluster cluster = Cluster.of(plan, out::println);
        AtomicReference<EmbeddedDatabase> database = new AtomicReference<>();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                cluster.close();
            } finally {
                closeDatabase(database); // last: the nodes write their last records until they stop
                stopped.countDown();
            }
        }, "shutdown"));
        if (embeddedDatabase) {
            try {
                database.set(EmbeddedDatabase.start(databaseDirectory, EMBEDDED_DATABASE_PORT));
            } catch (IOException | RuntimeException e) {
                throw new IllegalStateException("cannot start the embedded PostgreSQL on port " + EMBEDDED_DATABASE_PORT + " ("
                        + e.getMessage() + "); is something else there? Then give the record's URL: --database-url", e);
            }
        }
        cluster.startAll(nginx, template);
        printBanner(out, cluster);
        stopped.await();
        return 0;
    }

    private static void closeDatabase(AtomicReference<EmbeddedDatabase> database) {
        EmbeddedDatabase started = database.getAndSet(null);
        if (started != null) {
            started.close();
        }
    }

    /** Every port the cluster listens on is its own: the HTTP ports, the device ports, and the embedded Redis's. */
    private void checkPortsApart() {
        Set<Integer> used = new HashSet<>();
        used.add(port);
        for (int i = 1; i <= nodes; i++) {
            used.add(port + i);
        }
        for (int i = 0; i < nodes; i++) {
            if (!used.add(devicePort + i)) {
                throw Launcher.invalidValue(spec, "--device-port", "the device ports " + devicePort + ".." + (devicePort + nodes - 1)
                        + " overlap the HTTP ports " + port + ".." + (port + nodes) + ": each needs its own");
            }
        }
        if (!noRecord && databaseUrl == null && used.contains(EMBEDDED_DATABASE_PORT)) {
            throw Launcher.invalidValue(spec, "--port", "the cluster's ports would include " + EMBEDDED_DATABASE_PORT
                    + ", the embedded PostgreSQL's: choose others");
        }
        if (redis == null && used.contains(EMBEDDED_REDIS_PORT)) {
            throw Launcher.invalidValue(spec, port <= EMBEDDED_REDIS_PORT && EMBEDDED_REDIS_PORT <= port + nodes ? "--port" : "--device-port",
                    "the cluster's ports would include " + EMBEDDED_REDIS_PORT + ", the embedded Redis's: choose others");
        }
    }

    private void printBanner(PrintWriter out, Cluster cluster) {
        ClusterPlan plan = cluster.plan();
        String nodeList = cluster.nodes().stream()
                .map(node -> node.id() + " (pid " + node.pid() + ", http://localhost:" + node.node().httpPort() + "/, devices on TCP "
                        + node.node().devicePort() + ")")
                .collect(Collectors.joining(", "));
        out.println("Cluster ready: open " + plan.entryUrl() + " in a browser"
                + (plan.withNginx() ? " (nginx, round robin over the nodes)" : " (node n1; no nginx in front)")
                + ". Press Ctrl-C to stop it all.");
        out.println("Nodes: " + nodeList + ".");
        if (cluster.nodes().size() > 1) {
            NodeProcess last = cluster.nodes().get(cluster.nodes().size() - 1);
            out.println("To watch a failover, crash a node: kill -9 " + last.pid() + " (" + last.id() + ")"
                    + (plan.withNginx() ? "; its dashboards reconnect through nginx to the others." : "."));
        }
        out.println("Demo users: dr.lee (doctor), nurse.kim (nurse, icu), nurse.ortiz (nurse, cardiology),"
                + " admin.ray (admin); their passwords are in README.md.");
        if (signingKey == null) {
            out.println("The nodes share the development signing key " + plan.signingKey()
                    + ": fine for a demonstration, no secret for a real deployment (--signing-key).");
        }
    }
}
