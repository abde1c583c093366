package org.livevitals.broadcast;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.livevitals.cli.CtrlC;
import org.livevitals.cli.Launcher;
import org.livevitals.cli.Ranges;
import org.livevitals.cli.WebSocketUrl;
import org.livevitals.rawsockets.VitalsServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The Lab 3 programs behind one jar: {@code server} (dashboard, API, device gateway, simulated
 * patients) and {@code monitor} (the stream in a terminal).
 *
 * <pre>
 * java -jar step03-broadcast/target/step03-broadcast.jar server
 * java -jar step03-broadcast/target/step03-broadcast.jar monitor
 * </pre>
 */
@Command(name = "step03-broadcast", mixinStandardHelpOptions = true, version = "Live Vitals, Lab 3",
        description = "Lab 3: broadcast live vitals to every dashboard.",
        subcommands = {Main.ServerCommand.class, Main.MonitorCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        Launcher.launch(new Main(), args);
    }

    @Override
    public void run() {
        new picocli.CommandLine(this).usage(System.out);
    }

    @Command(name = "server", mixinStandardHelpOptions = true, version = "Live Vitals, Lab 3",
            description = "Serve the dashboard, the API and the WebSocket stream; accept devices over TCP.")
    static final class ServerCommand implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        /** As many as fit on a dashboard. */
        private static final String PATIENTS = "0.." + LatestReadings.DEFAULT_MAX_PATIENTS;

        @Option(names = "--port", description = "HTTP port for dashboards and the API; 0 takes any free one (" + Ranges.LISTEN_PORT + ", default: ${DEFAULT-VALUE}).")
        int port = MonitorSettings.DEFAULT_HTTP_PORT;

        @Option(names = "--device-port", description = "TCP port for bedside devices, not the HTTP port; 0 takes any free one (" + Ranges.LISTEN_PORT + ", default: ${DEFAULT-VALUE}).")
        int devicePort = VitalsServer.DEFAULT_PORT;

        @Option(names = "--patients", description = "Simulated patients, 0 for none (" + PATIENTS + ", default: ${DEFAULT-VALUE}).")
        int patients = MonitorSettings.DEFAULT_SIMULATED_PATIENTS;

        // Pauses of at most an hour, as LatestReadings.DEFAULT_FORGET_AFTER: a patient silent that long is forgotten,
        // so a longer wait would mean nothing.
        @Option(names = "--interval-ms", description = "Milliseconds between two readings of a simulated patient (" + Ranges.PAUSE_MILLIS + ", default: ${DEFAULT-VALUE}).")
        long intervalMillis = VitalsFeed.DEFAULT_INTERVAL.toMillis();

        @Option(names = "--stale-after-ms", description = "Mark a patient stale after this many milliseconds without data (" + Ranges.PAUSE_MILLIS + ", default: ${DEFAULT-VALUE}).")
        long staleAfterMillis = MonitorSettings.DEFAULT_STALE_AFTER.toMillis();

        @Override
        public Integer call() throws Exception {
            Launcher.checkRange(spec, "--port", port, Ranges.LISTEN_PORT);
            Launcher.checkRange(spec, "--device-port", devicePort, Ranges.LISTEN_PORT);
            if (devicePort != 0 && devicePort == port) {
                throw Launcher.invalidValue(spec, "--device-port", devicePort + " is the HTTP port (--port) too: each needs its own");
            }
            Launcher.checkRange(spec, "--patients", patients, PATIENTS);
            Launcher.checkRange(spec, "--interval-ms", intervalMillis, Ranges.PAUSE_MILLIS);
            Launcher.checkRange(spec, "--stale-after-ms", staleAfterMillis, Ranges.PAUSE_MILLIS);
            MonitorSettings settings = new MonitorSettings(port, devicePort, patients, Duration.ofMillis(intervalMillis),
                    Duration.ofMillis(staleAfterMillis), MonitorSettings.DEFAULT_MAX_QUEUED_FRAMES, FanOut.DEFAULT_LANES);
            MonitorServer server = new MonitorServer(settings, Clock.systemUTC()).start();
            System.out.println("Dashboard: open " + server.httpUri() + " in a browser. Devices: TCP port "
                    + server.devicePort() + ". Press Ctrl-C to stop.");
            CtrlC.awaitAndClose(server);
            return 0;
        }
    }

    @Command(name = "monitor", mixinStandardHelpOptions = true, version = "Live Vitals, Lab 3",
            description = "Print every reading the server pushes, one line each.")
    static final class MonitorCommand implements Callable<Integer> {

        @Mixin
        WebSocketUrl url = new WebSocketUrl(URI.create("ws://localhost:" + MonitorSettings.DEFAULT_HTTP_PORT + MonitorServer.WEBSOCKET_PATH));

        @Override
        public Integer call() throws Exception {
            url.check();
            new MonitorConsole(url.url(), System.out).run();
            return 0;
        }
    }
}
