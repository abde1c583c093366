package org.livevitals.rawsockets;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.concurrent.Callable;
import org.livevitals.cli.CtrlC;
import org.livevitals.cli.Launcher;
import org.livevitals.cli.Ranges;
import org.livevitals.cli.ServerAddress;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine;

/**
 * The Lab 1 programs behind one jar: {@code server}, {@code device} and {@code console}.
 *
 * <pre>
 * java -jar step01-raw-sockets/target/step01-raw-sockets.jar server
 * java -jar step01-raw-sockets/target/step01-raw-sockets.jar device --patient P002
 * java -jar step01-raw-sockets/target/step01-raw-sockets.jar console
 * </pre>
 *
 * <p>picocli does the option parsing, {@code --help} and the error for an unknown option; each
 * command stops cleanly on Ctrl-C through a shutdown hook.
 */
@Command(name = "step01-raw-sockets", mixinStandardHelpOptions = true, version = "Live Vitals, Lab 1",
        description = "Lab 1: a raw-socket vitals server and simulated bedside devices.",
        subcommands = {Main.ServerCommand.class, Main.DeviceCommand.class, Main.ConsoleCommand.class})
public final class Main implements Runnable {

    public static void main(String[] args) {
        Launcher.launch(new Main(), args);
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    @Command(name = "server", mixinStandardHelpOptions = true, version = "Live Vitals, Lab 1",
            description = "Accept bedside devices over TCP and log every reading.")
    static final class ServerCommand implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        private static final String MAX_DEVICES = "1..10000";
        private static final String MAX_LINE_BYTES = ServerLimits.MIN_LINE_BYTES + "..65536";

        @Option(names = "--port", description = "TCP port to listen on; 0 takes any free one (" + Ranges.LISTEN_PORT + ", default: ${DEFAULT-VALUE}).")
        int port = VitalsServer.DEFAULT_PORT;

        @Option(names = "--max-devices", description = "Devices served at once (" + MAX_DEVICES + ", default: ${DEFAULT-VALUE}).")
        int maxDevices = ServerLimits.DEFAULT_MAX_DEVICES;

        @Option(names = "--max-line-bytes", description = "Longest line accepted, in bytes (" + MAX_LINE_BYTES + ", default: ${DEFAULT-VALUE}).")
        int maxLineBytes = ServerLimits.DEFAULT_MAX_LINE_BYTES;

        @Option(names = "--idle-timeout-s", description = "Seconds of silence after which a device is disconnected (" + Ranges.IDLE_TIMEOUT_SECONDS + ", default: ${DEFAULT-VALUE}).")
        long idleTimeoutSeconds = ServerLimits.DEFAULT_IDLE_TIMEOUT.toSeconds();

        @Override
        public Integer call() throws IOException, InterruptedException {
            Launcher.checkRange(spec, "--port", port, Ranges.LISTEN_PORT);
            Launcher.checkRange(spec, "--max-devices", maxDevices, MAX_DEVICES);
            Launcher.checkRange(spec, "--max-line-bytes", maxLineBytes, MAX_LINE_BYTES);
            Launcher.checkRange(spec, "--idle-timeout-s", idleTimeoutSeconds, Ranges.IDLE_TIMEOUT_SECONDS);
            VitalsServer server = new VitalsServer(port, new ServerLimits(maxDevices, maxLineBytes, Duration.ofSeconds(idleTimeoutSeconds)),
                    new ReadingLogger(), Clock.systemUTC()).start();
            System.out.println("Vitals server on port " + server.port() + ". Press Ctrl-C to stop.");
            CtrlC.awaitAndClose(server);
            return 0;
        }
    }

    @Command(name = "device", mixinStandardHelpOptions = true, version = "Live Vitals, Lab 1",
            description = "Simulate one patient's bedside device sending vitals.")
    static final class DeviceCommand implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--patient", description = "Patient id: 1 to 32 letters, digits, '-' or '_' (default: ${DEFAULT-VALUE}).")
        String patient = "P001";

        @Mixin
        ServerAddress server = new ServerAddress(VitalsServer.DEFAULT_PORT);

        @Option(names = "--interval-ms", description = "Milliseconds between readings (" + Ranges.PAUSE_MILLIS + ", default: ${DEFAULT-VALUE}).")
        long intervalMillis = 1_000;

        @Option(names = "--reconnect-ms", description = "Milliseconds to wait before dialling the server again (" + Ranges.PAUSE_MILLIS + ", default: ${DEFAULT-VALUE}).")
        long reconnectMillis = 2_000;

        @Override
        public Integer call() throws InterruptedException {
            if (!VitalSigns.PATIENT_ID.matcher(patient).matches()) {
                throw Launcher.invalidValue(spec, "--patient", "'" + WireText.printable(patient)
                        + "' is not a patient id: use 1 to 32 letters, digits, '-' or '_'");
            }
            server.check();
            Launcher.checkRange(spec, "--interval-ms", intervalMillis, Ranges.PAUSE_MILLIS);
            Launcher.checkRange(spec, "--reconnect-ms", reconnectMillis, Ranges.PAUSE_MILLIS);
            var vitals = new VitalsGenerator(patient, new Random(), Clock.systemUTC());
            var device = new DeviceSimulator(server.host(), server.port(), vitals,
                    Duration.ofMillis(intervalMillis), Duration.ofMillis(reconnectMillis)).start();
            System.out.println("Device for patient " + patient + " sending to " + server.host() + ":" + server.port()
                    + ". Press Ctrl-C to stop.");
            CtrlC.awaitAndClose(device);
            return 0;
        }
    }

    @Command(name = "console", mixinStandardHelpOptions = true, version = "Live Vitals, Lab 1",
            description = "Type protocol lines yourself and see the server's replies.")
    static final class ConsoleCommand implements Callable<Integer> {

        @Mixin
        ServerAddress server = new ServerAddress(VitalsServer.DEFAULT_PORT);

        @Override
        public Integer call() throws IOException {
            server.check();
            try (Socket socket = connect(server.host(), server.port())) {
                System.out.println("Connected to " + server.host() + ":" + server.port() + ". Type a line, e.g.");
                System.out.println("Patient=P001|Pulse=82|SpO2=97|Temperature=37.5|BP=120/80|Resp=16");
                System.out.println("End with Ctrl-D.");
                Thread keyboard = new Thread(() -> forwardKeyboard(socket), "console-keyboard");
                keyboard.setDaemon(true); // the console ends when the server hangs up, typing or not
                keyboard.start();
                printReplies(socket);
            }
            return 0;
        }

        private static void forwardKeyboard(Socket socket) {
            try {
                OutputStream out = socket.getOutputStream();
                BufferedReader keyboard = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                String line;
                while ((line = keyboard.readLine()) != null) {
                    out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
                // Half-close: "I have nothing more to send", while the replies on their way still arrive.
                socket.shutdownOutput();
            } catch (IOException e) {
                // the server hung up: printReplies says so
            }
        }

        private static void printReplies(Socket socket) {
            try {
                BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
                String reply;
                while ((reply = in.readLine()) != null) {
                    System.out.println("<- " + WireText.escaped(reply)); // any server may be at the other end
                }
                System.out.println("(server closed the connection)");
            } catch (IOException e) {
                System.out.println("(connection lost: " + e.getMessage() + ")");
            }
        }
    }

    private static Socket connect(String host, int port) throws IOException {
        try {
            return new Socket(host, port);
        } catch (IOException e) {
            throw new IOException("cannot connect to " + host + ":" + port + " (" + e.getMessage()
                    + "): is the server running?", e);
        }
    }
}
