package org.livevitals.testkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Java main class running in a JVM of its own, so a test can crash a server the way a real
 * crash happens.
 *
 * <p>Lab 4's scenarios ask what clients do when their server dies. Stopping a server inside the
 * test's JVM would be a polite stop: its shutdown code runs and it says goodbye to its clients.
 * {@link #kill()} sends SIGKILL instead, so the server gets no shutdown hook, no finally block
 * and no last word; its clients find out from the kernel, as they would in production.
 *
 * <pre>{@code
 * try (ChildJvm server = ChildJvm.start("server", Main.class, List.of("server", "--port=0"),
 *         Pattern.compile("Dashboard: open http://localhost:(\\d+)/"), Duration.ofSeconds(30))) {
 *     int port = Integer.parseInt(server.readyMatch().group(1));
 *     // connect clients to port ...
 *     server.kill();  // a crash: the clients must notice, and reconnect to the next server
 * }
 * }</pre>
 *
 * <p>The child runs the test JVM's own {@code java} (from {@code java.home}) with the test JVM's
 * class path, so any main class the test can see runs unchanged. {@link #start} returns once the
 * child prints its ready line (a server prints the port it chose), and hands the test that
 * line's groups. The child's stdout and stderr are read, merged, on a daemon thread: the last
 * {@value #KEPT_LINES} lines are kept for {@link #output()} and for failure messages, and each
 * line is copied to the test's own stdout behind the child's name, so a test report shows the
 * server's log beside the test's.
 *
 * <p>{@link #close()} kills the child if it is still running: try-with-resources is the guarantee
 * that no child outlives its test. As a second line, each child has a shutdown hook that kills it
 * if the test JVM exits while the child still runs (a test that forgot to close it, a Ctrl-C).
 * Nothing runs if the test JVM itself is killed with SIGKILL; then the child's stdin, a pipe from
 * the test JVM, reads end of stream, which a main that cares can take as its cue to exit.
 */
public final class ChildJvm implements AutoCloseable {

    /** Enough to explain a failure; a server logging for a whole test cannot fill the heap. */
    public static final int KEPT_LINES = 200;
    /** How much of that a failure message quotes. */
    static final int LINES_IN_FAILURE = 40;
    /** How long {@link #kill()} waits for the exit; SIGKILL on a local process takes milliseconds. */
    private static final Duration EXIT_PATIENCE = Duration.ofSeconds(10);

    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    /** The child writes and this class reads in the test JVM's charset, so no line is garbled. */
    private static final Charset OUTPUT_CHARSET = Charset.defaultCharset();

    private final String name;
    private final Process process;
    private final RecentLines output = new RecentLines(KEPT_LINES);
    private final Thread reader;
    private final Thread killerAtExit;
    /** Completes with the ready line's match, or empty when the output ends without one. */
    private final CompletableFuture<Optional<MatchResult>> ready = new CompletableFuture<>();
    private MatchResult readyMatch;

    private ChildJvm(String name, Process process, Pattern readyLine) {
        this.name = name;
        this.process = process;
        this.reader = new Thread(() -> readOutput(readyLine), "child-jvm-" + name);
        this.reader.setDaemon(true);
        this.killerAtExit = new Thread(process::destroyForcibly, "child-jvm-" + name + "-killer");
    }

    /**
     * Starts {@code mainClass} with {@code args} in a new JVM and returns once it prints a line in
     * which {@code readyLine} finds a match.
     *
     * @throws AssertionError if the child exits, or {@code timeout} passes, before that line; the
     *     message has the name, the exit code if there is one, and the child's last lines
     */
    public static ChildJvm start(String name, Class<?> mainClass, List<String> args, Pattern readyLine,
            Duration timeout) {
        List<String> command = new ArrayList<>(List.of(JAVA.toString(),
                "-Dfile.encoding=" + OUTPUT_CHARSET.name(),
                "-cp", System.getProperty("java.class.path"),
                mainClass.getName()));
        command.addAll(args);
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start " + name + " (" + mainClass.getName() + ")", e);
        }
        ChildJvm child = new ChildJvm(name, process, readyLine);
        Runtime.getRuntime().addShutdownHook(child.killerAtExit);
        child.reader.start();
        child.awaitReady(readyLine, timeout);
        return child;
    }

    private void awaitReady(Pattern readyLine, Duration timeout) {
        String awaited = "a line matching /" + readyLine + "/";
        Optional<MatchResult> match;
        try {
            match = ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            close();
            throw failure("timed out after " + timeout.toMillis() + " ms waiting for " + awaited + " (killed it)");
        } catch (InterruptedException e) {
            close();
            Thread.currentThread().interrupt();
            throw failure("was killed: the test was interrupted while waiting for " + awaited);
        } catch (ExecutionException impossible) {
            throw new IllegalStateException(impossible); // the reader completes it normally, always
        }
        if (match.isPresent()) {
            readyMatch = match.get();
            return;
        }
        // The output ended first: the child exited, or closed its stdout and stderr and lives on.
        boolean exited = waitForExit();
        close();
        throw failure(exited
                ? "exited with code " + process.exitValue() + " before printing " + awaited
                : "closed its output before printing " + awaited + " (killed it)");
    }

    private void readOutput(Pattern readyLine) {
        try (BufferedReader in = process.inputReader(OUTPUT_CHARSET)) {
            String line;
            while ((line = in.readLine()) != null) {
                output.add(line);
                System.out.println("[" + name + "] " + line);
                if (!ready.isDone()) {
                    Matcher matcher = readyLine.matcher(line);
                    if (matcher.find()) {
                        ready.complete(Optional.of(matcher.toMatchResult()));
                    }
                }
            }
        } catch (IOException e) {
            // The pipe broke: the child is gone, which the exit code will tell.
        } finally {
            ready.complete(Optional.empty()); // does nothing once the ready line was seen
        }
    }

    private AssertionError failure(String what) {
        return new AssertionError("[" + name + "] (pid " + process.pid() + ") " + what + "; "
                + output.describeLast(LINES_IN_FAILURE));
    }

    /** The ready line's match: {@code group(1)} is the port when the pattern captures it. */
    public MatchResult readyMatch() {
        return readyMatch;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * The child's exit code. After {@link #kill()} it is 137: the JVM reports a process ended by
     * a signal as 128 plus the signal's number, and SIGKILL is 9.
     *
     * @throws IllegalStateException while the child runs
     */
    public int exitCode() {
        if (process.isAlive()) {
            throw new IllegalStateException("[" + name + "] is still running");
        }
        return process.exitValue();
    }

    /** A copy of the last {@value #KEPT_LINES} lines the child printed, stdout and stderr merged. */
    public List<String> output() {
        return output.copy();
    }

    /**
     * Crashes the child: sends SIGKILL ({@link Process#destroyForcibly()} does exactly that on
     * Linux) and waits for the exit, so the port is free and clients are already seeing the
     * connection die when this returns. Does nothing to a child that has exited.
     */
    public void kill() {
        process.destroyForcibly();
        if (!waitForExit()) {
            throw new IllegalStateException("[" + name + "] (pid " + process.pid() + ") still runs "
                    + EXIT_PATIENCE.toSeconds() + " s after SIGKILL");
        }
        try {
            reader.join(EXIT_PATIENCE.toMillis()); // its output is complete once the pipe has closed
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private boolean waitForExit() {
        try {
            return process.waitFor(EXIT_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return !process.isAlive();
        }
    }

    /** Kills the child if it still runs, and lets go of its stdin and its shutdown hook. */
    @Override
    public void close() {
        kill();
        try {
            Runtime.getRuntime().removeShutdownHook(killerAtExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it kills a dead process, which does nothing
        }
        try {
            process.getOutputStream().close();
        } catch (IOException ignored) {
            // the child is gone, and its stdin with it
        }
    }
}
