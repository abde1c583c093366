package org.livevitals.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livevitals.reconnect.Backoff;

/**
 * The herd's measurement records every connection attempt, once: a tiny herd (10 clients, a short
 * backoff) against a real Lab 4 server process, killed with SIGKILL and started again on its port.
 * The outage here is a condition (every client has been refused twice), not a length of time.
 */
class HerdTest {

    private static final int CLIENTS = 10;

    @TempDir
    Path dir;

    /** The program's server, compiled less eagerly: it starts twice, and its speed is not measured here. */
    private static final List<String> SERVER_JVM =
            java.util.stream.Stream.concat(HerdRun.SERVER_JVM.stream(), java.util.stream.Stream.of("-XX:TieredStopAtLevel=1")).toList();

    @Test
    void everyAttemptOfEveryClientIsRecordedOnce() throws Exception {
        Backoff.Jitter jitter = Backoff.Jitter.FULL; // the clients' own default; what is recorded does not depend on it
        Backoff backoff = new Backoff(Duration.ofMillis(50), Duration.ofMillis(400), jitter);
        Herd.Result result;
        try (Herd herd = new Herd(CLIENTS, backoff, SERVER_JVM, 42)) {
            herd.start();
            await().atMost(Duration.ofSeconds(20)).until(herd::allOpen);

            herd.kill();
            await().atMost(Duration.ofSeconds(20)).until(() -> herd.fewestAttemptsSinceKill() >= 2);
            herd.restart();
            await().atMost(Duration.ofSeconds(30)).until(herd::allBack);
            result = herd.result();
        }

        Map<Integer, List<Integer>> byClient = result.attemptNumbersByClient();
        assertThat(byClient).as("every client tried").containsOnlyKeys(IntStream.range(0, CLIENTS).boxed().toList());
        byClient.forEach((client, attempts) -> {
            assertThat(attempts).as("client %d: refused at least twice, then in", client).hasSizeGreaterThanOrEqualTo(3);
            // The first connection was attempt 1; after the loss, retries 1, 2, ... are attempts 2, 3, ...
            assertThat(attempts).as("client %d: each attempt once, none missing", client)
                    .isEqualTo(IntStream.rangeClosed(2, attempts.size() + 1).boxed().toList());
        });
        assertThat(result.attempts()).as("one attempt per retry scheduled").hasSize(result.retries());
        assertThat(result.attempts()).as("in time order, all after the kill")
                .isSortedAccordingTo((a, b) -> Double.compare(a.ms(), b.ms()))
                .allSatisfy(attempt -> assertThat(attempt.ms()).isPositive());
        assertThat(result.disconnectedMs()).as("every client heard the loss").doesNotContain(Double.NaN);
        assertThat(result.listeningMs()).isGreaterThan(result.restartedMs()).isLessThanOrEqualTo(result.readyMs());
        assertThat(java.util.Arrays.stream(result.reopenedMs()).min().orElseThrow())
                .as("every client back after the new server started").isGreaterThan(result.restartedMs());
        int[] buckets = result.perBucket(HerdReport.BUCKET_MS);
        assertThat(IntStream.of(buckets).sum()).as("the chart's buckets hold every attempt").isEqualTo(result.attempts().size());
        assertThat(result.busiest(HerdReport.BUCKET_MS).attempts()).isEqualTo(IntStream.of(buckets).max().orElseThrow());

        String name = "herd-" + jitter.name().toLowerCase();
        HerdReport.write(List.of(new HerdReport.Run(name, jitter.name(), result)), dir);
        assertThat(Files.readAllLines(dir.resolve(name + ".csv"))).as("a CSV row per attempt, after its header")
                .hasSize(result.attempts().size() + 1);
        assertThat(dir.resolve(name + ".png")).isNotEmptyFile();
        assertThat(Files.readString(dir.resolve("herd.md"))).contains("| " + name + " | 10 |");
    }
}
