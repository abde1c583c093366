package org.livevitals.security;

import java.time.Clock;
import java.util.concurrent.Callable;
import org.livevitals.cli.CtrlC;
import org.livevitals.cli.Launcher;
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
        SecureServerOptions options = new SecureServerOptions();

        @Override
        public Integer call() throws Exception {
            SecureServerOptions.Settings settings = options.settings(spec);
            SecureServer server = SecureServer.newServer(settings.monitor(), settings.resume(), settings.security(),
                    settings.clinical(), Clock.systemUTC()).start();
            SecureServerOptions.printWhereToGo(System.out, server, settings.security().users() == null, "");
            CtrlC.awaitAndClose(server);
            return 0;
        }
    }
}
