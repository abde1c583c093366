package org.livevitals.rawsockets;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * Starts a picocli command the way every program in the course starts: {@code --help} prints the
 * usage, an unknown option is named, and a program that cannot do its job
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
