package org.livevitals.rawsockets;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Runs a program's command line in this JVM as its jar does ({@link Launcher#commandLine}, minus
 * {@code System.exit}) and checks what a person sees. Every step's {@code MainTest} uses it: the
 * later steps get it in this module's test jar.
 *
 * @param program makes the program's top command, e.g. {@code Main::new}: each run gets a fresh one
 */
public record CommandLines(Supplier<Object> program) {

    /** picocli's exit code for a program that could not do its job. */
    public static final int FAILED = 1;

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
}
