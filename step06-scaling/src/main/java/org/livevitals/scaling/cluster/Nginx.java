package org.livevitals.scaling.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * nginx run in the foreground as a child process, on a prefix directory {@link NginxConfig} prepared.
 *
 * <p>The command is {@code nginx -p PREFIX/ -c nginx.conf -e logs/error.log}: every path nginx uses is
 * inside the prefix (the configuration says {@code daemon off} and keeps its pid file, logs and temporary
 * files there), so it needs no root and no system service, and several can run side by side. {@code -e}
 * matters because nginx opens its compiled-in error log ({@code /var/log/nginx/error.log}) before it
 * reads the configuration, and a normal user may not write there.
 *
 * <p>{@link #stop()} sends SIGQUIT, nginx's graceful stop: it closes its listening port at once,
 * finishes the requests in flight, and lets WebSocket connections end (the configuration's
 * {@code worker_shutdown_timeout} bounds the wait).
 */
public final class Nginx implements AutoCloseable {

    /** How to get nginx, for the message of a machine without it. */
    public static final String INSTALL = "sudo apt-get install nginx (Debian, Ubuntu) or brew install nginx (macOS)";
    /** Where nginx is when it is not on the PATH (Debian puts it in /usr/sbin, which a normal user's PATH lacks). */
    private static final List<Path> USUAL_PLACES = List.of(Path.of("/usr/sbin/nginx"), Path.of("/usr/local/sbin/nginx"),
            Path.of("/usr/local/nginx/sbin/nginx"), Path.of("/opt/homebrew/bin/nginx"), Path.of("/usr/local/bin/nginx"));
    /** nginx parses its configuration and binds its port in milliseconds; this is for a loaded machine. */
    public static final Duration START_PATIENCE = Duration.ofSeconds(20);
    /** A graceful stop waits at most worker_shutdown_timeout (10 s in the template) for open connections. */
    private static final long STOP_PATIENCE_SECONDS = 15;
    private static final Duration STOP_PATIENCE = Duration.ofSeconds(STOP_PATIENCE_SECONDS);
    private static final Duration POLL = Duration.ofMillis(20);

    private final Process process;
    private final ChildOutput output;
    private final Path prefix;

    private Nginx(Process process, ChildOutput output, Path prefix) {
        this.process = process;
        this.output = output;
        this.prefix = prefix;
    }

    /** The nginx executable: on the PATH, or in one of the places packages put it; empty when there is none. */
    public static Optional<Path> find() {
        String path = System.getenv("PATH");
        List<Path> candidates = new ArrayList<>();
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    candidates.add(Path.of(dir, "nginx"));
                }
            }
        }
        candidates.addAll(USUAL_PLACES);
        return candidates.stream().filter(Files::isExecutable).findFirst();
    }

    /** The command that runs nginx on {@code prefix}, as the launcher prints and runs it. */
    public static List<String> command(Path executable, Path prefix) {
        return List.of(executable.toString(), "-p", prefix.toAbsolutePath() + "/", "-c", NginxConfig.FILE_NAME,
                "-e", NginxConfig.LOGS + "/error.log");
    }

    /**
     * Has nginx check the configuration in {@code prefix} ({@code nginx -t}) and returns what it said.
     *
     * @throws IllegalStateException when nginx rejects it; the message has nginx's own words
     */
    public static String check(Path executable, Path prefix) {
        List<String> command = new ArrayList<>(command(executable, prefix));
        command.add(1, "-t");
        try {
            Process test = new ProcessBuilder(command).redirectErrorStream(true).start();
            String said = new String(test.getInputStream().readAllBytes(), Charset.defaultCharset()).strip();
            if (!test.waitFor(START_PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
                test.destroyForcibly();
                throw new IllegalStateException("nginx -t did not finish within " + START_PATIENCE.toSeconds() + " s");
            }
            if (test.exitValue() != 0) {
                throw new IllegalStateException("nginx rejects " + prefix.resolve(NginxConfig.FILE_NAME) + ": " + said);
            }
            return said;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run " + executable, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while nginx checked its configuration");
        }
    }

    /**
     * Starts nginx on {@code prefix} and returns once it listens: nginx writes its pid file only after it
     * has bound its port, so a pid file with this process's pid means ready (an old one is removed first).
     *
     * @param lines where each line nginx prints goes (it prints little: errors go to logs/error.log)
     * @throws IllegalStateException when nginx exits first (a port in use, a bad configuration), with its words
     */
    public static Nginx start(Path executable, Path prefix, Consumer<String> lines) {
        Path pidFile = prefix.resolve(NginxConfig.LOGS).resolve("nginx.pid");
        String earlier = readPid(pidFile);
        if (earlier != null && earlier.matches("\\d+") && ProcessHandle.of(Long.parseLong(earlier))
                .flatMap(running -> running.info().command()).filter(command -> command.contains("nginx")).isPresent()) {
            throw new IllegalStateException("an nginx from an earlier run still runs on " + prefix + " (pid " + earlier
                    + ", its launcher was killed?): stop it with kill -QUIT " + earlier);
        }
        Process process;
        try {
            Files.deleteIfExists(pidFile);
            process = ChildProcesses.startDetached(command(executable, prefix));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + executable, e);
        }
        Nginx nginx = new Nginx(process, ChildOutput.follow(process, "nginx", lines), prefix);
        long deadline = System.nanoTime() + START_PATIENCE.toNanos();
        while (!Long.toString(process.pid()).equals(readPid(pidFile))) {
            if (!process.isAlive()) {
                nginx.output.awaitEnd(STOP_PATIENCE.toMillis());
                throw new IllegalStateException("nginx exited with code " + process.exitValue() + " before it listened."
                        + nginx.output.describe() + "\n  (and see " + prefix.resolve(NginxConfig.LOGS).resolve("error.log") + ")");
            }
            if (System.nanoTime() > deadline) {
                nginx.stop();
                throw new IllegalStateException("nginx did not start within " + START_PATIENCE.toSeconds() + " s (stopped it)."
                        + nginx.output.describe());
            }
            ChildProcesses.pause(POLL);
        }
        return nginx;
    }

    private static String readPid(Path pidFile) {
        try {
            return Files.readString(pidFile).strip();
        } catch (IOException notYet) {
            return null;
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path prefix() {
        return prefix;
    }

    /** The last lines nginx printed. */
    public List<String> output() {
        return output.lastLines();
    }

    /**
     * Starts a graceful stop (SIGQUIT) and returns at once; {@link #stop()} waits for it. The launcher
     * begins with this, stops the nodes (which closes the WebSockets nginx is waiting for), then waits.
     */
    public void quit() {
        if (process.isAlive()) {
            ChildProcesses.signal(process, "QUIT");
        }
    }

    /** Stops nginx gracefully (SIGQUIT), and with SIGKILL if it is still there {@value #STOP_PATIENCE_SECONDS} s later. */
    public void stop() {
        quit();
        ChildProcesses.awaitExit(process, STOP_PATIENCE);
    }

    @Override
    public void close() {
        stop();
    }
}
