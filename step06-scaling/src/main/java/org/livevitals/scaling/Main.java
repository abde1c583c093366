package org.livevitals.scaling;

import java.time.Clock;
import java.util.concurrent.Callable;
import org.livevitals.broadcast.MonitorOptions;
import org.livevitals.broadcast.MonitorSettings;
import org.livevitals.cli.CtrlC;
import org.livevitals.cli.Launcher;
import org.livevitals.reconnect.ResumeOptions;
import org.livevitals.reconnect.ResumeSettings;
import org.livevitals.security.ClinicalOptions;
import org.livevitals.security.ClinicalSettings;
import org.livevitals.security.SecurityOptions;
import org.livevitals.security.SecuritySettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The Lab 6 programs behind one jar: {@code server} (one node: Lab 5's server on a backplane; alone, it
 * is the complete system on embedded defaults).
 *
 * <pre>
 * java -jar step06-scaling/target/step06-scaling.jar server
 * java -jar step06-scaling/target/step06-scaling.jar server --redis redis://localhost:6379 --node-id n2 --port 8082
 * </pre>
 */
@Command(name = "step06-scaling", mixinStandardHelpOptions = true, version = "Live Vitals, Lab 6",
        description = "Lab 6: several nodes on a Redis backplane.",
        subcommands = {Main.ServerCommand.class})
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
        MonitorOptions options = new MonitorOptions();

        @Mixin
        ResumeOptions resumeOptions = new ResumeOptions();

        @Mixin
        SecurityOptions securityOptions = new SecurityOptions();

        @Mixin
        ClinicalOptions clinicalOptions = new ClinicalOptions();

        @Mixin
        ScalingOptions scalingOptions = new ScalingOptions();

        @Override
        public Integer call() throws Exception {
            MonitorSettings settings = options.settings(spec);
            ResumeSettings resume = resumeOptions.settings(spec);
            SecuritySettings security = securityOptions.settings(spec);
            ClinicalSettings clinical = clinicalOptions.settings(spec);
            ScalingSettings scaling = scalingOptions.settings(spec);
            if (security.tlsPort() > 0 && (security.tlsPort() == settings.httpPort() || security.tlsPort() == settings.devicePort())) {
                throw Launcher.invalidValue(spec, "--tls-port", security.tlsPort() + " is the HTTP or the device port too: each needs its own");
            }
            ScalingServer server = ScalingServer.newServer(settings, resume, security, clinical, scaling, Clock.systemUTC()).start();
            System.out.println("Node " + server.nodeId() + " on the " + (scaling.clustered()
                    ? "Redis backplane at " + scaling.redisUri() : "in-memory backplane (one node)") + ".");
            System.out.println("Dashboard: open " + server.httpUri() + " in a browser"
                    + (server.secure().web().tlsPort() > 0 ? " (or " + server.secure().web().httpsUri() + ")" : "")
                    + ". Devices: TCP port " + server.devicePort() + ". Health: " + server.httpUri().resolve("/health")
                    + ". Press Ctrl-C to stop.");
            if (security.users() == null) {
                // User names only: a password is never printed, not even a demo one (the README and the labs give them).
                System.out.println("Demo users: dr.lee (doctor), nurse.kim (nurse, icu), nurse.ortiz (nurse, cardiology),"
                        + " admin.ray (admin); their passwords are in README.md.");
            }
            CtrlC.awaitAndClose(server);
            return 0;
        }
    }
}
