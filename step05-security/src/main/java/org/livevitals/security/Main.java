package org.livevitals.security;

import java.time.Clock;
import java.util.concurrent.Callable;
import org.livevitals.broadcast.MonitorOptions;
import org.livevitals.broadcast.MonitorSettings;
import org.livevitals.cli.CtrlC;
import org.livevitals.cli.Launcher;
import org.livevitals.reconnect.ResumeOptions;
import org.livevitals.reconnect.ResumeSettings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The Lab 5 programs behind one jar: {@code server} (Lab 4's server with sign-in, roles, limits, an
 * audit trail and TLS), {@code verify-audit} (checks the audit trail's hash chain) and
 * {@code hash-password} (makes a password hash for a users file).
 *
 * <pre>
 * java -jar step05-security/target/step05-security.jar server
 * java -jar step05-security/target/step05-security.jar verify-audit live-vitals-data/audit.jsonl
 * </pre>
 */
@Command(name = "step05-security", mixinStandardHelpOptions = true, version = "Live Vitals, Lab 5",
        description = "Lab 5: who may see and do what.",
        subcommands = {Main.ServerCommand.class, VerifyAuditCommand.class, HashPasswordCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        Launcher.launch(new Main(), args);
    }

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "server", mixinStandardHelpOptions = true, version = "Live Vitals, Lab 5",
            description = "Lab 4's server behind sign-in: JWT tickets at the handshake, roles per message, alerts,"
                    + " commands to devices, audit trail, TLS.")
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

        @Override
        public Integer call() throws Exception {
            MonitorSettings settings = options.settings(spec);
            ResumeSettings resume = resumeOptions.settings(spec);
            SecuritySettings security = securityOptions.settings(spec);
            ClinicalSettings clinical = clinicalOptions.settings(spec);
            if (security.tlsPort() > 0 && (security.tlsPort() == settings.httpPort() || security.tlsPort() == settings.devicePort())) {
                throw Launcher.invalidValue(spec, "--tls-port", security.tlsPort() + " is the HTTP or the device port too: each needs its own");
            }
            SecureServer server = SecureServer.newServer(settings, resume, security, clinical, Clock.systemUTC()).start();
            System.out.println("Dashboard: open " + server.httpUri() + " in a browser"
                    + (server.web().tlsPort() > 0 ? " (or " + server.web().httpsUri() + ")" : "")
                    + ". Devices: TCP port " + server.monitor().devicePort() + ". Press Ctrl-C to stop.");
            if (security.users() == null) {
                // User names only: a password is never printed, not even a demo one (the README and the lab give them).
                System.out.println("Demo users: dr.lee (doctor), nurse.kim (nurse, icu), nurse.ortiz (nurse, cardiology),"
                        + " admin.ray (admin); their passwords are in README.md.");
            }
            CtrlC.awaitAndClose(server);
            return 0;
        }
    }
}
