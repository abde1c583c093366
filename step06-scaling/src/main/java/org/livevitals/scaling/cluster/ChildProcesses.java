package org.livevitals.scaling.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** What the launcher does to its child processes: start them apart from the terminal, signal them, wait for them. */
final class ChildProcesses {

    /** util-linux's setsid: on Linux, always there. */
    private static final Path SETSID = Path.of("/usr/bin/setsid");
    /** SIGKILL on a local process takes milliseconds. */
    private static final Duration KILL_PATIENCE = Duration.ofSeconds(10);

    private ChildProcesses() {}

    /**
     * Starts {@code command} (stdout and stderr merged) in a session of its own where {@code setsid} exists.
     *
     * <p>Ctrl-C in a terminal sends SIGINT to every process of the foreground group, children included:
     * nginx and the nodes would all stop at once, in no order. In their own session only the launcher
     * gets it, and its shutdown hook stops them one after the other. (From a Java child, setsid runs the
     * command in place, with no fork, so the {@link Process} is the command itself.)
     */
    static Process startDetached(List<String> command) throws IOException {
        List<String> full = new ArrayList<>();
        if (Files.isExecutable(SETSID)) {
            full.add(SETSID.toString());
        }
        full.addAll(command);
        return new ProcessBuilder(full).redirectErrorStream(true).start();
    }

    /** Sends {@code signal} (e.g. {@code QUIT}) with kill(1): Java itself can send only SIGTERM and SIGKILL. */
    static void signal(Process process, String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid()))
                    .redirectErrorStream(true).start();
            kill.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
            kill.waitFor(KILL_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (IOException e) {
            process.destroy(); // no kill(1) on this system: SIGTERM is the next best stop
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits up to {@code patience} for {@code process} to exit, then kills it (SIGKILL) and waits for that. */
    static void awaitExit(Process process, Duration patience) {
        try {
            if (!process.waitFor(patience.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(KILL_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    /** A short pause between two looks at something a child does (no event tells the launcher). */
    static void pause(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a child process");
        }
    }
}
