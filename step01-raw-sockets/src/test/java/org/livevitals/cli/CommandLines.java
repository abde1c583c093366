package org.livevitals.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import picocli.CommandLine;

/**
 * Runs a program's command line in this JVM as its jar does ({@link Launcher#commandLine}, minus
 * {@code System.exit}) and checks what a person sees. Every step's {@code MainTest} uses it: the
 * later steps get it in this module's test jar.
 *
 * @param program makes the program's top command, e.g. {@code Main::new}: each run gets a fresh one
 */
public record CommandLines(Supplier<Object> program) {

    /** picocli's exit codes: a program that could not do its job, and a command line it refused. */
    public static final int FAILED = 1;
    public static final int BAD_USAGE = 2;

    /** A command's exit code and what it printed on its error stream. */
    public record Ran(int exitCode, String err) {}

    public Ran run(String... args) {
        StringWriter err = new StringWriter();
        int exitCode = Launcher.commandLine(program.get()).setErr(new PrintWriter(err, true)).execute(args);
        return new Ran(exitCode, err.toString());
    }

    /** Failed with exactly one line: {@code <command>: <why>}. */
    public void assertFailsWithOneLine(String line, String... args) {
        Ran ran = run(args);
        assertThat(ran.exitCode()).as("exit code of %s", List.of(args)).isEqualTo(FAILED);
        assertThat(ran.err().lines()).as("what %s printed", List.of(args)).containsExactly(line);
    }

    /**
     * With the port {@code option} sets taken (by a socket listening on it), the server {@code
     * args} starts (command first) fails with one line that names the port and the option.
     */
    public void assertTakenPortNamed(String option, String... args) throws IOException {
        try (ServerSocket taken = new ServerSocket(0)) {
            String port = String.valueOf(taken.getLocalPort());
            List<String> withPort = new ArrayList<>(List.of(args));
            withPort.addAll(List.of(option, port));
            assertFailsWithOneLine(args[0] + ": port " + port + " is already in use (another server running?): choose another with "
                    + option, withPort.toArray(String[]::new));
        }
    }

    /** Refused as picocli refuses a bad command line: the reason, then the command's usage; exit code 2. */
    public void assertRefused(String reason, String... args) {
        Ran ran = run(args);
        assertThat(ran.exitCode()).as("exit code of %s", List.of(args)).isEqualTo(BAD_USAGE);
        assertThat(ran.err()).as("what %s printed", List.of(args))
                .startsWith(reason + System.lineSeparator() + "Usage: " + Launcher.commandLine(program.get()).getCommandName() + " " + args[0]);
    }

    /**
     * {@code command}'s {@code --host} and {@code --port} ({@link ServerAddress}) are checked: a port
     * just outside 1..65535 and a host that cannot be one are refused, naming the option.
     */
    public void assertServerAddressChecked(String command) {
        assertOutOfRange(command, "--port", "0", "1..65535", "");
        assertOutOfRange(command, "--port", "65536", "1..65535", "");
        for (String host : List.of("", " ", "local host")) {
            assertRefused("Invalid value for option '--host': '" + host + "' is not a host name or address", command, "--host", host);
        }
    }

    /** {@code command}'s {@code --url} ({@link WebSocketUrl}) is checked: what is not a WebSocket URL is refused. */
    public void assertWebSocketUrlChecked(String command) {
        for (String url : List.of("http://localhost:8080/ws", "localhost:8080", "ws:///ws", "ws://localhost:70000/ws")) {
            assertRefused("Invalid value for option '--url': '" + url
                    + "' is not a WebSocket URL: use ws://host:port/path or wss://host:port/path", command, "--url", url);
        }
    }

    /**
     * {@code command} with {@code option} set to {@code value}, just outside {@code range}, is
     * refused with the range; the option's help gives the range too, and {@code --help} shows it
     * whole (never cut at the end of a line, as "(1.." and "3600000").
     *
     * @param otherArgs more options, space-separated: a server under test gets {@code --port 0}, so
     *     that a missing check cannot take its real port
     */
    public void assertOutOfRange(String command, String option, String value, String range, String otherArgs) {
        List<String> args = new ArrayList<>(List.of(command));
        args.addAll(otherArgs.isBlank() ? List.of() : List.of(otherArgs.split(" ")));
        args.addAll(List.of(option, value));
        assertRefused("Invalid value for option '" + option + "': " + value + " is not in " + range, args.toArray(String[]::new));
        CommandLine help = Launcher.commandLine(program.get()).getSubcommands().get(command);
        assertThat(help.getCommandSpec().findOption(option).description()).as("help of %s %s", command, option)
                .anySatisfy(line -> assertThat(line).contains(range));
        assertThat(help.getUsageMessage()).as("%s --help", command).contains(range);
    }
}
