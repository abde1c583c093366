package org.livevitals.reconnect;

import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.livevitals.broadcast.MonitorOptions;
import org.livevitals.broadcast.MonitorServer;
import org.livevitals.broadcast.MonitorSettings;
import org.livevitals.cli.CtrlC;
import org.livevitals.cli.Launcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The Lab 4 programs behind one jar: {@code server} (Lab 3's server with a resumable stream and
 * heartbeats) and {@code monitor} (a console that reconnects and resumes).
 *
 * <pre>
 * java -jar step04-client-reconnect/target/step04-client-reconnect.jar server
 * java -jar step04-client-reconnect/target/step04-client-reconnect.jar monitor
 * </pre>
 */
@Command(name = "step04-client-reconnect", mixinStandardHelpOptions = true, version = "Live Vitals, Lab 4",
        description = "Lab 4: reconnect and resume; no reading lost across an outage.",
        subcommands = {Main.ServerCommand.class, Main.MonitorCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        Launcher.launch(new Main(), args);
    }

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "server", mixinStandardHelpOptions = true, version = "Live Vitals, Lab 4",
            description = "Lab 3's server with numbered readings, a history to resume from, and heartbeats.")
    static final class ServerCommand implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        MonitorOptions options = new MonitorOptions();

        @Mixin
        ResumeOptions resumeOptions = new ResumeOptions();

        @Override
        public Integer call() throws Exception {
            MonitorSettings settings = options.settings(spec);
            ResumeSettings resume = resumeOptions.settings(spec);
            MonitorServer server = ResumeServer.newServer(settings, resume, Clock.systemUTC()).start();
            System.out.println("Dashboard: open " + server.httpUri() + " in a browser. Devices: TCP port "
                    + server.devicePort() + ". Press Ctrl-C to stop.");
            CtrlC.awaitAndClose(server);
            return 0;
        }
    }

    @Command(name = "monitor", mixinStandardHelpOptions = true, version = "Live Vitals, Lab 4",
            description = "Print every reading, reconnecting and resuming after an outage.")
    static final class MonitorCommand implements Callable<Integer> {

        static final URI DEFAULT_URL = URI.create("ws://localhost:" + MonitorSettings.DEFAULT_HTTP_PORT + MonitorServer.WEBSOCKET_PATH);

        @Spec
        CommandSpec spec;

        @Option(names = "--url", description = "WebSocket URL, ws:// or wss://; repeat it to list servers to try in turn (default: "
                + "ws://localhost:" + MonitorSettings.DEFAULT_HTTP_PORT + MonitorServer.WEBSOCKET_PATH + ").")
        List<URI> urls = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            if (urls.isEmpty()) {
                urls.add(DEFAULT_URL);
            }
            for (URI url : urls) {
                Launcher.checkWebSocketUrl(spec, "--url", url);
            }
            CtrlC.awaitAndClose(new ReconnectingConsole(urls, System.out).start());
            return 0;
        }
    }
}
