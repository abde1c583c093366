package org.livevitals.security;

import java.io.PrintStream;
import org.livevitals.broadcast.MonitorOptions;
import org.livevitals.broadcast.MonitorSettings;
import org.livevitals.cli.Launcher;
import org.livevitals.reconnect.ResumeOptions;
import org.livevitals.reconnect.ResumeSettings;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;

/**
 * Every option of Lab 5's server, for any command that starts one: Lab 5's {@code server}, and Lab 6's,
 * which starts the same server as a node of a cluster.
 */
public final class SecureServerOptions {

    /** What the options say, checked together. */
    public record Settings(MonitorSettings monitor, ResumeSettings resume, SecuritySettings security,
            ClinicalSettings clinical) {}

    @Mixin
    MonitorOptions monitor = new MonitorOptions();

    @Mixin
    ResumeOptions resume = new ResumeOptions();

    @Mixin
    SecurityOptions security = new SecurityOptions();

    @Mixin
    ClinicalOptions clinical = new ClinicalOptions();

    public Settings settings(CommandSpec spec) {
        MonitorSettings monitorSettings = monitor.settings(spec);
        SecuritySettings securitySettings = security.settings(spec);
        int tlsPort = securitySettings.tlsPort();
        if (tlsPort > 0 && (tlsPort == monitorSettings.httpPort() || tlsPort == monitorSettings.devicePort())) {
            throw Launcher.invalidValue(spec, "--tls-port", tlsPort + " is the HTTP or the device port too: each needs its own");
        }
        return new Settings(monitorSettings, resume.settings(spec), securitySettings, clinical.settings(spec));
    }

    /** The lines that tell a person where to go once the server runs: the pages, the device port, who may sign in. */
    public static void printWhereToGo(PrintStream out, SecureServer server, boolean demoUsers, String more) {
        out.println("Dashboard: open " + server.httpUri() + " in a browser"
                + (server.web().tlsPort() > 0 ? " (or " + server.web().httpsUri() + ")" : "")
                + ". Devices: TCP port " + server.monitor().devicePort() + "." + more + " Press Ctrl-C to stop.");
        if (demoUsers) {
            // User names only: a password is never printed, not even a demo one (the README and the lab give them).
            out.println("Demo users: dr.lee (doctor), nurse.kim (nurse, icu), nurse.ortiz (nurse, cardiology),"
                    + " admin.ray (admin); their passwords are in README.md.");
        }
    }
}
