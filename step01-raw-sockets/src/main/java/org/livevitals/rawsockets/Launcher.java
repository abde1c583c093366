package org.livevitals.rawsockets;

import picocli.CommandLine;

/**
 * Starts a picocli command the way every program in the course starts: {@code --help} prints the
 * usage, an unknown option is named, and a program that cannot do its job (a busy port, no
 * server to connect to) says why in one line instead of a stack trace.
 */
public final class Launcher {

    private Launcher() {}

    /** Runs {@code command} with {@code args} and exits with its exit code. */
    public static void launch(Object command, String... args) {
        System.exit(new CommandLine(command)
                .setExecutionExceptionHandler(Launcher::reportFailure)
                .execute(args));
    }

    private static int reportFailure(Exception failure, CommandLine command, CommandLine.ParseResult parsed) {
        command.getErr().println(command.getCommandName() + ": " + failure.getMessage());
        return 1;
    }
}
