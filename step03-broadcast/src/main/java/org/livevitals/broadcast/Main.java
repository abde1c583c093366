package org.livevitals.broadcast;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.livevitals.cli.CtrlC;
import org.livevitals.cli.Launcher;
import org.livevitals.rawsockets.ArgumentChecks;
import org.livevitals.rawsockets.VitalsServer;
import picocli.CommandLine.Command;
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

        @Option(names = "--port", description = "HTTP port for dashboards and the API; 0 takes any free one (0..65535, default: ${DEFAULT-VALUE}).")
        int port = MonitorSettings.DEFAULT_HTTP_PORT;

        @Option(names = "--device-port", description = "TCP port for bedside devices, not the HTTP port; 0 takes any free one (0..65535, default: ${DEFAULT-VALUE}).")
        int devicePort = VitalsServer.DEFAULT_PORT;

        @Option(names = "--patients", description = "Simulated patients, 0 for none (0..500, default: ${DEFAULT-VALUE}).")
        int patients = MonitorSettings.DEFAULT_SIMULATED_PATIENTS;

        @Option(names = "--interval-ms", description = "Milliseconds between two readings of a simulated patient (1..3600000, default: ${DEFAULT-VALUE}).")
        long intervalMillis = VitalsFeed.DEFAULT_INTERVAL.toMillis();

        @Option(names = "--stale-after-ms", description = "Mark a patient stale after this many milliseconds without data (1..3600000, default: ${DEFAULT-VALUE}).")
        long staleAfterMillis = MonitorSettings.DEFAULT_STALE_AFTER.toMillis();

        @Override
        public Integer call() throws Exception {
            Launcher.checkRange(spec, "--port", port, 0, ArgumentChecks.MAX_PORT);
            Launcher.checkRange(spec, "--device-port", devicePort, 0, ArgumentChecks.MAX_PORT);
            if (devicePort != 0 && devicePort == port) {
                throw Launcher.invalidValue(spec, "--device-port", devicePort + " is the HTTP port (--port) too: each needs its own");
            }
            Launcher.checkRange(spec, "--patients", patients, 0, LatestReadings.DEFAULT_MAX_PATIENTS); // all fit on a dashboard
            // at most an hour: a patient silent that long is forgotten, so a longer wait would mean nothing
            long forgetAfterMillis = LatestReadings.DEFAULT_FORGET_AFTER.toMillis();
            Launcher.checkRange(spec, "--interval-ms", intervalMillis, 1, forgetAfterMillis);
            Launcher.checkRange(spec, "--stale-after-ms", staleAfterMillis, 1, forgetAfterMillis);
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

        @Spec
        CommandSpec spec;

        @Option(names = "--url", description = "WebSocket URL, ws:// or wss:// (default: ${DEFAULT-VALUE}).")
        URI url = URI.create("ws://localhost:" + MonitorSettings.DEFAULT_HTTP_PORT + MonitorServer.WEBSOCKET_PATH);

        @Override
        public Integer call() throws Exception {
            Launcher.checkWebSocketUrl(spec, "--url", url);
            new MonitorConsole(url, System.out).run();
            return 0;
        }
    }
}
