package org.livevitals.scaling.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livevitals.cli.Launcher;

/** Lab 6: the {@code cluster} and {@code redis} command lines: usage, refusals that name the option, and the printed plan. */
class ClusterCommandTest {

    /** picocli's exit codes. */
    private static final int DONE = 0;
    private static final int BAD_USAGE = 2;

    @TempDir
    Path dir;

    private record Ran(int exitCode, String out, String err) {}

    private static Ran run(Object command, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = Launcher.commandLine(command).setOut(new PrintWriter(out, true)).setErr(new PrintWriter(err, true))
                .execute(args);
        return new Ran(exitCode, out.toString(), err.toString());
    }

    private static Ran cluster(String... args) {
        return run(new ClusterCommand(), args);
    }

    @Test
    void helpPrintsTheUsage() {
        Ran ran = cluster("--help");

        assertThat(ran.exitCode()).isEqualTo(DONE);
        assertThat(ran.out()).startsWith("Usage: cluster").contains("--nodes", "--port", "--device-port", "--redis", "--no-nginx",
                "--dry-run", "--node-option", "Ctrl-C");
        assertThat(run(new RedisCommand(), "--help").out()).startsWith("Usage: redis").contains("--port");
    }

    @Test
    void anUnknownOptionIsRefusedByName() {
        Ran ran = cluster("--nodez", "3");

        assertThat(ran.exitCode()).isEqualTo(BAD_USAGE);
        assertThat(ran.err()).startsWith("Unknown options: '--nodez', '3'");
        assertThat(run(new RedisCommand(), "--bogus").err()).startsWith("Unknown option: '--bogus'");
    }

    @Test
    void valuesOutOfRangeAreRefusedByName() {
        assertThat(cluster("--nodes", "4").err()).startsWith("Invalid value for option '--nodes': 4 is not in 1..3");
        assertThat(cluster("--nodes", "0").err()).startsWith("Invalid value for option '--nodes': 0 is not in 1..3");
        assertThat(cluster("--port", "65534").err()).startsWith("Invalid value for option '--port': 65534 is not in 1..65532");
        assertThat(cluster("--redis", "localhost:6379").err())
                .startsWith("Invalid value for option '--redis': a redis:// URL, e.g. redis://localhost:6379");
        assertThat(cluster("--node-option", "heartbeat").err())
                .startsWith("Invalid value for option '--node-option': 'heartbeat' is not an option");
        assertThat(cluster("--port", "5050").err()).startsWith("Invalid value for option '--device-port': the device ports 5051..5052"
                + " overlap the HTTP ports 5050..5052: each needs its own");
        assertThat(cluster("--port", "6378").err()).startsWith("Invalid value for option '--port': the cluster's ports would include 6379");
        assertThat(run(new RedisCommand(), "--port", "0").err()).startsWith("Invalid value for option '--port': 0 is not in 1..65535");
        assertThat(cluster("--nodes", "4").exitCode()).isEqualTo(BAD_USAGE);
    }

    @Test
    void aDryRunPrintsEveryPartAndStartsNothing() {
        Path data = dir.resolve("data");

        Ran ran = cluster("--dry-run", "--nodes", "3", "--port", "18080", "--data-dir", data.toString(),
                "--node-option=--heartbeat-ms=1000");

        assertThat(ran.exitCode()).as("exit code; it said %s", ran.err()).isEqualTo(DONE);
        assertThat(ran.out()).contains(
                "Redis   redis://127.0.0.1:6379 (embedded, started by this launcher)",
                "n1      http://localhost:18081/, devices on TCP port 5051, 4 simulated patients, data in " + data.resolve("n1"),
                "n2      http://localhost:18082/, devices on TCP port 5052, no simulated patients, data in " + data.resolve("n2"),
                "n3      http://localhost:18083/, devices on TCP port 5053, no simulated patients",
                "Signing key shared by the nodes: " + data.resolve("dev-signing-key.jwk"),
                "n2: java -cp <the launcher's class path> org.livevitals.scaling.cluster.ClusterNode server --port 18082"
                        + " --device-port 5052 --patients 0 --redis redis://127.0.0.1:6379 --node-id n2 --data-dir " + data.resolve("n2")
                        + " --signing-key " + data.resolve("dev-signing-key.jwk") + " --tls-port -1");
        assertThat(ran.out()).contains("--heartbeat-ms=1000");
        if (Nginx.find().isPresent()) {
            assertThat(ran.out()).contains("nginx   http://localhost:18080/ in front of 127.0.0.1:18081, 127.0.0.1:18082, 127.0.0.1:18083",
                    "--allow-origin http://localhost:18080 --allow-origin http://127.0.0.1:18080 --trusted-proxy 127.0.0.1",
                    "nginx: " + Nginx.find().get() + " -p " + data.resolve("nginx").toAbsolutePath() + "/ -c nginx.conf -e logs/error.log");
        } else {
            assertThat(ran.out()).contains("nginx is not installed", Nginx.INSTALL);
        }
        assertThat(Files.exists(data)).as("the data directory after a dry run").isFalse();
    }

    @Test
    void withoutNginxTheNodesAreTheAddress() {
        Ran ran = cluster("--dry-run", "--no-nginx", "--redis", "redis://redis.example:6380", "--data-dir", dir.toString());

        assertThat(ran.out()).contains("Redis   redis://redis.example:6380 (yours: started elsewhere)",
                "nginx   none: clients connect to a node themselves").doesNotContain("--allow-origin").doesNotContain("--trusted-proxy");
    }
}
