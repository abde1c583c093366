package org.livevitals.broadcast;

import java.net.URI;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.livevitals.cli.CtrlC;
import org.livevitals.cli.Launcher;
import org.livevitals.cli.WebSocketUrl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
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

        @Mixin
        MonitorOptions options = new MonitorOptions();

        @Override
        public Integer call() throws Exception {
            MonitorSettings settings = options.settings(spec);
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
