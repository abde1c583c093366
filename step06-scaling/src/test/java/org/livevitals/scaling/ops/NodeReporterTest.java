package org.livevitals.scaling.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.livevitals.testkit.SettableClock;

/** A node's reports: rates since the previous one, on a timer, and carrying on through a failing directory. */
class NodeReporterTest {

    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
    /** Time for the timer's first few reports, generously. */
    private static final Duration PATIENCE = NodeDirectory.REPORT_EVERY.multipliedBy(5);

    /** A directory that records what it is told, and fails while the test says so. */
    private static final class RecordingDirectory implements NodeDirectory {
        final List<NodeStatus> reports = new CopyOnWriteArrayList<>();
        final AtomicBoolean down = new AtomicBoolean();

        @Override
        public void report(NodeStatus status) {
            if (down.get()) {
                throw new IllegalStateException("Redis is down");
            }
            reports.add(status);
        }

        @Override
        public List<NodeStatus> nodes() {
            return reports.isEmpty() ? List.of() : List.of(reports.get(reports.size() - 1));
        }
    }

    private final SettableClock clock = new SettableClock(START);
    private final NodeMetrics metrics = new NodeMetrics(() -> 4);
    private final RecordingDirectory directory = new RecordingDirectory();

    @Test
    void eachReportHasTheRatesSinceThePreviousOne() {
        try (NodeReporter reporter = new NodeReporter("n1", "http://localhost:8081/", metrics, directory, clock)) {
            metrics.delivered(100); // before the first report: totals, not rates
            metrics.backplaneLag(Duration.ofMillis(100));
            reporter.report();
            metrics.delivered(30);
            metrics.backplaneLag(Duration.ofMillis(2));
            metrics.backplaneLag(Duration.ofMillis(4));
            clock.advance(Duration.ofSeconds(2));
            reporter.report();
            clock.advance(Duration.ofSeconds(2));
            reporter.report();
        }
        assertThat(directory.reports).containsExactly(
                new NodeStatus("n1", "http://localhost:8081/", 4, 0, 0, START),
                new NodeStatus("n1", "http://localhost:8081/", 4, 15.0, 3.0, START.plusSeconds(2)),
                new NodeStatus("n1", "http://localhost:8081/", 4, 0, 0, START.plusSeconds(4)));
    }

    @Test
    void aFailedReportDoesNotStopTheNext() {
        try (NodeReporter reporter = new NodeReporter("n1", "http://localhost:8081/", metrics, directory, clock)) {
            directory.down.set(true);
            reporter.report();
            reporter.report();
            directory.down.set(false);
            reporter.report();
        }
        assertThat(directory.reports).hasSize(1);
    }

    @Test
    void startedItReportsOnItsTimerUntilClosed() {
        NodeReporter reporter = new NodeReporter("n1", "http://localhost:8081/", metrics, directory, clock).start();
        try {
            await().atMost(PATIENCE).until(() -> directory.reports.size() >= 2);
        } finally {
            reporter.close();
        }
        int reported = directory.reports.size();
        // Closed means stopped: one more period passes, and no report comes.
        await().pollDelay(NodeDirectory.REPORT_EVERY.plusMillis(500)).atMost(PATIENCE)
                .until(() -> true);
        assertThat(directory.reports).hasSize(reported);
    }
}
