package org.livevitals.scaling.cluster;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.livevitals.cli.CtrlC;
import org.livevitals.cli.Launcher;
import org.livevitals.cli.Ranges;
import org.livevitals.scaling.EmbeddedRedis;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code redis}: only the embedded Redis (a real {@code redis-server} that a Maven jar ships), for starting
 * the cluster's parts by hand with nothing installed. It keeps nothing on disk: stopped, it forgets.
 *
 * <pre>
 * java -jar step06-scaling/target/step06-scaling.jar redis
 * java -jar step06-scaling/target/step06-scaling.jar server --redis redis://127.0.0.1:6379 --node-id n1 --port 8081 ...
 * </pre>
 */
@Command(name = "redis", mixinStandardHelpOptions = true, version = "Live Vitals, Lab 6",
        description = "Only the embedded Redis, for starting the nodes by hand (it keeps nothing on disk). Ctrl-C stops it.")
public final class RedisCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", description = "Redis's port (" + Ranges.PORT + ", default: ${DEFAULT-VALUE}).")
    int port = ClusterCommand.EMBEDDED_REDIS_PORT;

    @Override
    public Integer call() throws Exception {
        Launcher.checkRange(spec, "--port", port, Ranges.PORT);
        EmbeddedRedis redis;
        try {
            redis = EmbeddedRedis.start(port);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("cannot start Redis on port " + port + " (" + e.getMessage()
                    + "); is a Redis running there already? Then use that one, or choose another port with --port");
        }
        PrintWriter out = spec.commandLine().getOut();
        out.println("Redis (embedded) at " + redis.uri() + ": start each node with --redis " + redis.uri()
                + ". It keeps nothing on disk. Press Ctrl-C to stop.");
        CtrlC.awaitAndClose(redis);
        return 0;
    }
}
