package org.livevitals.scaling;

import java.time.Clock;
import java.util.concurrent.Callable;
import org.livevitals.cli.CtrlC;
import org.livevitals.cli.Launcher;
import org.livevitals.scaling.cluster.ClusterCommand;
import org.livevitals.scaling.cluster.RedisCommand;
import org.livevitals.scaling.record.RecordOptions;
import org.livevitals.scaling.record.RecordStore;
import org.livevitals.scaling.record.VerifyRecordCommand;
import org.livevitals.security.SecureServerOptions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The Lab 6 programs behind one jar: {@code server} (one node: Lab 5's server on a backplane; alone, it
 * is the complete system on embedded defaults), {@code cluster} (Redis, two or three nodes and nginx in
 * front, from one command) and {@code redis} (the embedded Redis alone, for starting nodes by hand).
 *
 * <pre>
 * java -jar step06-scaling/target/step06-scaling.jar server
 * java -jar step06-scaling/target/step06-scaling.jar cluster
 * java -jar step06-scaling/target/step06-scaling.jar redis --port 6379
 * java -jar step06-scaling/target/step06-scaling.jar server --redis redis://localhost:6379 --node-id n2 --port 8082
 * </pre>
 */
@Command(name = "step06-scaling", mixinStandardHelpOptions = true, version = "Live Vitals, Lab 6",
        description = "Lab 6: several nodes on a Redis backplane.",
        subcommands = {Main.ServerCommand.class, ClusterCommand.class, RedisCommand.class, VerifyRecordCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        Launcher.launch(new Main(), args);
    }

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "server", mixinStandardHelpOptions = true, version = "Live Vitals, Lab 6",
            description = "One node: Lab 5's server (sign-in, roles, alerts, commands, audit, TLS) on a backplane;"
                    + " without --redis, the whole system on one node.")
    static final class ServerCommand implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        SecureServerOptions options = new SecureServerOptions();

        @Mixin
        ScalingOptions scalingOptions = new ScalingOptions();

        @Mixin
        RecordOptions recordOptions = new RecordOptions();

        @Override
        public Integer call() throws Exception {
            SecureServerOptions.Settings settings = options.settings(spec);
            ScalingSettings scaling = scalingOptions.settings(spec)
                    .withRecord(recordOptions.settings(spec, settings.security().dataDir()));
            ScalingServer server = ScalingServer.newServer(settings.monitor(), settings.resume(), settings.security(),
                    settings.clinical(), scaling, Clock.systemUTC()).start();
            System.out.println("Node " + server.nodeId() + " on the " + (scaling.clustered()
                    ? "Redis backplane at " + scaling.redisUri() : "in-memory backplane (one node)") + ".");
            System.out.println(server.record().map(Main::whereTheRecordIs)
                    .orElse("No long-term record (--no-record): history, alerts and audit are this node's memory and files."));
            SecureServerOptions.printWhereToGo(System.out, server.secure(), settings.security().users() == null,
                    " Health: " + server.httpUri().resolve("/health") + ".");
            CtrlC.awaitAndClose(server);
            return 0;
        }
    }

    static String whereTheRecordIs(RecordStore record) {
        return record.embeddedDirectory() != null
                ? "The record (readings, alerts, audit): embedded PostgreSQL, its data in " + record.embeddedDirectory()
                        + " (kept between runs; " + record.jdbcUrl() + " while it runs)."
                : "The record (readings, alerts, audit): PostgreSQL at " + record.location() + ".";
    }
}
