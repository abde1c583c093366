package org.livevitals.echo;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.livevitals.cli.CtrlC;
import org.livevitals.cli.Launcher;
import org.livevitals.cli.Ranges;
import org.livevitals.cli.ServerAddress;
import org.livevitals.cli.WebSocketUrl;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * The Lab 2 programs behind one jar: {@code server}, {@code console} and {@code handshake}.
 *
 * <pre>
 * java -jar step02-echo-websocket/target/step02-echo-websocket.jar server
 * java -jar step02-echo-websocket/target/step02-echo-websocket.jar console
 * java -jar step02-echo-websocket/target/step02-echo-websocket.jar handshake
 * </pre>
 */
@Command(name = "step02-echo-websocket", mixinStandardHelpOptions = true, version = "Live Vitals, Lab 2",
        description = "Lab 2: a WebSocket echo server on Jetty 12, its console client, and the handshake by hand.",
        subcommands = {Main.ServerCommand.class, Main.ConsoleCommand.class, Main.HandshakeCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        Launcher.launch(new Main(), args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    @Command(name = "server", mixinStandardHelpOptions = true, version = "Live Vitals, Lab 2",
            description = "Echo every WebSocket text message on /ws; serve a test page on /.")
    static final class ServerCommand implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--port", description = "HTTP port; 0 takes any free one (" + Ranges.LISTEN_PORT + ", default: ${DEFAULT-VALUE}).")
        int port = EchoServer.DEFAULT_PORT;

        @Option(names = "--idle-timeout-s", description = "Close sessions idle this long, in seconds (" + Ranges.IDLE_TIMEOUT_SECONDS + ", default: ${DEFAULT-VALUE}).")
        long idleTimeoutSeconds = EchoServer.DEFAULT_IDLE_TIMEOUT.toSeconds();

        @Override
        public Integer call() throws Exception {
            Launcher.checkRange(spec, "--port", port, Ranges.LISTEN_PORT);
            Launcher.checkRange(spec, "--idle-timeout-s", idleTimeoutSeconds, Ranges.IDLE_TIMEOUT_SECONDS);
            EchoServer server = new EchoServer(port, Duration.ofSeconds(idleTimeoutSeconds), (client, code, reason) -> { });
            server.start();
            System.out.println("Echo server: open " + server.httpUri() + " in a browser, or connect to "
                    + server.webSocketUri() + ". Press Ctrl-C to stop.");
            CtrlC.awaitAndClose(server);
            return 0;
        }
    }

    @Command(name = "console", mixinStandardHelpOptions = true, version = "Live Vitals, Lab 2",
            description = "Type messages, see their echoes; 'exit' closes the session with 1000.")
    static final class ConsoleCommand implements Callable<Integer> {

        @Mixin
        WebSocketUrl url = new WebSocketUrl(URI.create("ws://localhost:" + EchoServer.DEFAULT_PORT + EchoServer.PATH));

        @Override
        public Integer call() throws Exception {
            url.check();
            new EchoConsole(url.url(), System.out).run(new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)));
            return 0;
        }
    }

    @Command(name = "handshake", mixinStandardHelpOptions = true, version = "Live Vitals, Lab 2",
            description = "Do the WebSocket handshake and one echo by hand over a plain socket, printing every step.")
    static final class HandshakeCommand implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        ServerAddress server = new ServerAddress(EchoServer.DEFAULT_PORT);

        @Option(names = "--message", description = "The text to echo, at most 65536 bytes in UTF-8, the echo server's limit (default: ${DEFAULT-VALUE}).")
        String message = "hello, frame";

        @Override
        public Integer call() throws Exception {
            server.check();
            int bytes = message.getBytes(StandardCharsets.UTF_8).length;
            if (bytes > EchoServer.MAX_TEXT_MESSAGE_BYTES) {
                throw Launcher.invalidValue(spec, "--message", bytes + " bytes of UTF-8 is more than the echo server takes ("
                        + EchoServer.MAX_TEXT_MESSAGE_BYTES + ")");
            }
            HandshakeByHand.run(server.host(), server.port(), message, System.out);
            return 0;
        }
    }
}
