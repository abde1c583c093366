package org.livevitals.broadcast;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.livevitals.rawsockets.CtrlC;
import org.livevitals.rawsockets.Launcher;
import org.livevitals.rawsockets.VitalsServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

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

        @Option(names = "--port", description = "HTTP port for dashboards and the API (default: ${DEFAULT-VALUE}).")
        int port = MonitorSettings.DEFAULT_HTTP_PORT;

        @Option(names = "--device-port", description = "TCP port for bedside devices (default: ${DEFAULT-VALUE}).")
        int devicePort = VitalsServer.DEFAULT_PORT;

        @Option(names = "--patients", description = "Simulated patients, 0 for none (default: ${DEFAULT-VALUE}).")
        int patients = MonitorSettings.DEFAULT_SIMULATED_PATIENTS;

        @Option(names = "--interval-ms", description = "Milliseconds between a simulated patient's readings (default: ${DEFAULT-VALUE}).")
        long intervalMillis = VitalsFeed.DEFAULT_INTERVAL.toMillis();

        @Option(names = "--stale-after-ms", description = "Mark a patient stale after this long without data (default: ${DEFAULT-VALUE}).")
        long staleAfterMillis = MonitorSettings.DEFAULT_STALE_AFTER.toMillis();

        @Override
        public Integer call() throws Exception {
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

        @Option(names = "--url", description = "WebSocket URL (default: ${DEFAULT-VALUE}).")
        URI url = URI.create("ws://localhost:" + MonitorSettings.DEFAULT_HTTP_PORT + MonitorServer.WEBSOCKET_PATH);

        @Override
        public Integer call() throws Exception {
            new MonitorConsole(url, System.out).run();
            return 0;
        }
    }
}
