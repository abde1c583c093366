package org.livevitals.loadtest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Starts {@link BenchServer} as a child JVM and talks to its control port. */
final class ServerProcess implements AutoCloseable {

    private final Process process;
    private final int port;
    private final int controlPort;
    private final HttpClient http = HttpClient.newHttpClient();

    private ServerProcess(Process process, int port, int controlPort) {
        this.process = process;
        this.port = port;
        this.controlPort = controlPort;
    }

    /** {@code mode} is a {@link BenchServer} mode ({@code websocket}, {@code resume}, {@code tcp}, ...); the child gets this JVM's class path. */
    static ServerProcess start(String mode, List<String> jvmOptions, List<String> serverArgs) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BenchServer.class.getName(), mode));
        command.addAll(serverArgs);
        Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        String line;
        while ((line = out.readLine()) != null && !line.startsWith("READY ")) {
            // Jetty and SLF4J may print before the server is ready
        }
        if (line == null) {
            throw new IOException("the bench server exited before it was ready");
        }
        String[] ports = line.split(" ");
        // Keep reading what the server prints: a full pipe would block the server mid-log-line.
        Thread drain = new Thread(() -> out.lines().forEach(System.out::println), "bench-server-output");
        drain.setDaemon(true);
        drain.start();
        return new ServerProcess(process, Integer.parseInt(ports[1]), Integer.parseInt(ports[2]));
    }

    int port() {
        return port;
    }

    ProcessCosts stats() throws IOException, InterruptedException {
        return send(request("/stats").GET(), ProcessCosts.class);
    }

    /** The server's CPU time so far, read without disturbing it (no GC). */
    long cpuNanos() throws IOException, InterruptedException {
        return cpu().cpuNanos();
    }

    /** The server's CPU time so far, and its embedded PostgreSQL's ({@code single-node-record}; 0 for the others). */
    BenchServer.CpuTime cpu() throws IOException, InterruptedException {
        return send(request("/cpu").GET(), BenchServer.CpuTime.class);
    }

    /** {@code single-node-record}: what the record did in the run, once its queue has drained (it waits for that). */
    RecordWatch.Figures record() throws IOException, InterruptedException {
        return send(request("/record").GET(), RecordWatch.Figures.class);
    }

    /** What Lab 4's replay history holds ({@code resume} only). */
    BenchServer.HistoryContents history() throws IOException, InterruptedException {
        return send(request("/history").GET(), BenchServer.HistoryContents.class);
    }

    void publish(int patients, double rateHz, int seconds) throws IOException, InterruptedException {
        publish(new BenchServer.Schedule(patients, rateHz, seconds));
    }

    void publish(BenchServer.Schedule schedule) throws IOException, InterruptedException {
        post("/publish", schedule);
    }

    /** A node of a cluster: whether its share of the schedule is published, and the cluster's number then. */
    BenchServer.Published published() throws IOException, InterruptedException {
        return send(request("/published").GET(), BenchServer.Published.class);
    }

    /** A node of a cluster: end the run once every message up to {@code end.afterSeq()} is delivered there. */
    void end(BenchServer.End end) throws IOException, InterruptedException {
        post("/end", end);
    }

    /** A node of a cluster: the backplane's lag since the last call, and its drops. */
    BenchServer.BackplaneLag backplane() throws IOException, InterruptedException {
        return send(request("/backplane").GET(), BenchServer.BackplaneLag.class);
    }

    private void post(String path, Object body) throws IOException, InterruptedException {
        send(request(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(BenchServer.JSON.writeValueAsBytes(body))), Map.class);
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + controlPort + path));
    }

    private <T> T send(HttpRequest.Builder request, Class<T> answer) throws IOException, InterruptedException {
        HttpResponse<byte[]> response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return BenchServer.JSON.readValue(response.body(), answer);
    }

    /**
     * Kills the server at once, as a crash would (SIGKILL on Linux): it sends no close frame and
     * finishes nothing; the kernel closes its sockets, so every client sees its connection end.
     * Returns once the process is gone.
     */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws Exception {
        process.getOutputStream().close(); // the server exits when its standard input closes
        // 30 s: Lab 6's record writes what it still holds (up to 5 s) and stops its PostgreSQL before the server exits.
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
