package org.livevitals.cli;

import java.net.URI;
import org.livevitals.rawsockets.ArgumentChecks;
import org.livevitals.rawsockets.PortInUseException;
import org.livevitals.rawsockets.WireText;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine;

/**
 * Starts a picocli command the way every program in the course starts: {@code --help} prints the
 * usage, an unknown option or a value out of range is named, and a program that cannot do its job
 * (a busy port, no server to connect to) says why in one line instead of a stack trace.
 */
public final class Launcher {

    private Launcher() {}

    /** Runs {@code command} with {@code args} and exits with its exit code. */
    public static void launch(Object command, String... args) {
        System.exit(commandLine(command).execute(args));
    }

    /**
     * The command line {@link #launch} runs: {@code execute(args)} returns the exit code (0 done,
     * 1 failed, 2 bad usage). A test sets its output and error writers, then calls {@code execute}.
     */
    public static CommandLine commandLine(Object command) {
        return new CommandLine(command).setExecutionExceptionHandler(Launcher::reportFailure);
    }

    /**
     * Rejects a value outside {@code range} as picocli rejects a value it cannot convert: the
     * message names the option and the range, the usage follows, and the exit code is 2.
     *
     * @param spec the command's own spec (a {@code @Spec} field), whose usage is printed
     * @param range {@code min..max}, both included: the text the option's help quotes, e.g. one
     *     of {@link Ranges}, so that the help and the check are one constant
     */
    public static void checkRange(CommandSpec spec, String option, long value, String range) {
        String[] bounds = range.split("\\.\\.", 2);
        if (value < Long.parseLong(bounds[0]) || value > Long.parseLong(bounds[1])) {
            throw invalidValue(spec, option, value + " is not in " + range);
        }
    }

    /**
     * Rejects a host that cannot be one: empty, or with spaces or control characters. Whether the
     * name resolves is found out on connecting, where the program says so.
     */
    public static void checkHost(CommandSpec spec, String option, String host) {
        if (host.isBlank() || !host.codePoints().allMatch(c -> c > ' ' && !Character.isISOControl(c))) {
            throw invalidValue(spec, option, "'" + WireText.printable(host) + "' is not a host name or address");
        }
    }

    /** Rejects a URL a WebSocket client cannot open: it needs ws:// or wss:// and a host. */
    public static void checkWebSocketUrl(CommandSpec spec, String option, URI url) {
        boolean webSocket = "ws".equalsIgnoreCase(url.getScheme()) || "wss".equalsIgnoreCase(url.getScheme());
        if (!webSocket || url.getHost() == null || url.getPort() > ArgumentChecks.MAX_PORT) {
            throw invalidValue(spec, option, "'" + WireText.printable(url.toString())
                    + "' is not a WebSocket URL: use ws://host:port/path or wss://host:port/path");
        }
    }

    /** picocli's error for a bad option value: {@code Invalid value for option '--url': <why>}. */
    public static ParameterException invalidValue(CommandSpec spec, String option, String why) {
        if (spec.findOption(option) == null) {
            throw new IllegalArgumentException(spec.name() + " has no option " + option);
        }
        return new ParameterException(spec.commandLine(), "Invalid value for option '" + option + "': " + why);
    }

    private static int reportFailure(Exception failure, CommandLine command, CommandLine.ParseResult parsed) {
        String why = failure instanceof PortInUseException taken
                ? taken.getMessage() + choosePortHint(command.getCommandSpec(), taken.port())
                : failure.getMessage();
        command.getErr().println(command.getCommandName() + ": " + why);
        return 1;
    }

    /** {@code ": choose another with --device-port"}: the option that set the port, found by its value. */
    private static String choosePortHint(CommandSpec spec, int port) {
        return spec.options().stream()
                .filter(option -> option.longestName().endsWith("port") && Integer.valueOf(port).equals(option.getValue()))
                .map(OptionSpec::longestName)
                .findFirst()
                .map(option -> ": choose another with " + option)
                .orElse("");
    }
}
