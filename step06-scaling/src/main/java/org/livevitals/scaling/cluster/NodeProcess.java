package org.livevitals.scaling.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One node of the cluster: this step's {@code server} in a JVM of its own, started by {@link ClusterNode}.
 *
 * <p>Its output is printed behind its id ({@code [n1] ...}), so the terminal shows which node said what.
 * It is ready when its {@code /health} says so: listening, and connected to Redis.
 */
public final class NodeProcess {

    /** A node starts in a few seconds (a JVM, Jetty, Redis); this is for a loaded two-core machine. */
    public static final Duration START_PATIENCE = Duration.ofSeconds(60);
    /** A node's shutdown hook closes its sessions and its Redis connections: seconds at most. */
    private static final Duration STOP_PATIENCE = Duration.ofSeconds(15);
    private static final Duration POLL = Duration.ofMillis(100);
    public static final String HEALTH_PATH = "/health";

    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");

    private final ClusterPlan.Node node;
    private final Process process;
    private final ChildOutput output;
    private volatile boolean stopping;

    private NodeProcess(ClusterPlan.Node node, Process process, ChildOutput output) {
        this.node = node;
        this.process = process;
        this.output = output;
    }

    /** The command before a node's arguments: this JVM's java and class path, and {@link ClusterNode}. */
    public static List<String> javaCommand() {
        return List.of(JAVA.toString(), "-cp", System.getProperty("java.class.path"), ClusterNode.class.getName());
    }

    /** The same, short enough to print: the class path is long, and the same as the launcher's. */
    public static String printableJavaCommand() {
        return "java -cp <the launcher's class path> " + ClusterNode.class.getName();
    }

    /**
     * Starts {@code node} and returns at once ({@link #awaitReady} waits for it).
     *
     * @param lines where each line it prints goes
     * @param exited told when the node exits without having been asked to stop (it crashed, or was killed)
     */
    public static NodeProcess start(ClusterPlan.Node node, Consumer<String> lines, Consumer<NodeProcess> exited) {
        List<String> command = new ArrayList<>(javaCommand());
        command.addAll(node.args());
        Process process;
        try {
            process = ChildProcesses.startDetached(command);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start node " + node.id(), e);
        }
        NodeProcess started = new NodeProcess(node, process, ChildOutput.follow(process, node.id(), lines));
        process.onExit().thenRun(() -> {
            if (!started.stopping) {
                exited.accept(started);
            }
        });
        return started;
    }

    /**
     * Waits until the node's {@value #HEALTH_PATH} answers 200.
     *
     * @throws IllegalStateException when the node exits first or takes longer than {@link #START_PATIENCE},
     *     with its last lines
     */
    public void awaitReady(HttpClient http) {
        URI health = URI.create("http://127.0.0.1:" + node.httpPort() + HEALTH_PATH);
        long deadline = System.nanoTime() + START_PATIENCE.toNanos();
        String lastAnswer = "no answer";
        while (true) {
            if (!process.isAlive()) {
                output.awaitEnd(STOP_PATIENCE.toMillis());
                throw new IllegalStateException("node " + node.id() + " exited with code " + process.exitValue()
                        + " before it was ready." + output.describe());
            }
            try {
                HttpResponse<String> answer = http.send(HttpRequest.newBuilder(health).timeout(POLL.multipliedBy(10)).build(),
                        HttpResponse.BodyHandlers.ofString());
                if (answer.statusCode() == 200) {
                    return;
                }
                lastAnswer = answer.statusCode() + " " + answer.body();
            } catch (ConnectException notListeningYet) {
                lastAnswer = "not listening yet";
            } catch (IOException e) {
                lastAnswer = e.getClass().getSimpleName();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for node " + node.id());
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("node " + node.id() + " was not ready within " + START_PATIENCE.toSeconds()
                        + " s; " + health + " said: " + lastAnswer + "." + output.describe());
            }
            ChildProcesses.pause(POLL);
        }
    }

    public ClusterPlan.Node node() {
        return node;
    }

    public String id() {
        return node.id();
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** The exit code once it has exited (137 after SIGKILL: 128 + 9). */
    public int exitCode() {
        return process.exitValue();
    }

    /** The last lines it printed. */
    public List<String> output() {
        return output.lastLines();
    }

    /** Crashes the node (SIGKILL), as a test or a demonstration of failover does, and waits for the exit. */
    public void kill() {
        process.destroyForcibly();
        ChildProcesses.awaitExit(process, STOP_PATIENCE);
    }

    /** Asks the node to stop (SIGTERM: its shutdown hook closes the server), and kills it if it has not within 15 s. */
    public void stop() {
        stopping = true;
        process.destroy();
        ChildProcesses.awaitExit(process, STOP_PATIENCE);
    }
}
