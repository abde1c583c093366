package org.livevitals.scaling.ops;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the {@link NodeDirectory} how this node is doing, every {@link NodeDirectory#REPORT_EVERY}, on a
 * thread of its own.
 *
 * <p>The metrics hold totals since the node started; the panel wants "now". So each report turns the
 * totals into rates over the time since the previous report: deliveries per second, and the mean
 * backplane lag of the messages delivered in between.
 *
 * <p>A report that fails (Redis is down) is logged once, not every two seconds, and the next one tries
 * again: the reporting never stops because of one failure.
 */
public final class NodeReporter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NodeReporter.class);

    private final String node;
    private final String address;
    private final NodeMetrics metrics;
    private final NodeDirectory directory;
    private final Clock clock;
    private final ScheduledExecutorService timer;

    // Touched by the reporting thread only (and by a test calling report() itself, with no thread).
    private NodeMetrics.Totals previous;
    private Instant previousAt;
    private boolean failing;

    public NodeReporter(String node, String address, NodeMetrics metrics, NodeDirectory directory, Clock clock) {
        this.node = node;
        this.address = address;
        this.metrics = metrics;
        this.directory = directory;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(run -> {
            Thread thread = new Thread(run, "node-reporter-" + node);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Reports now, then every {@link NodeDirectory#REPORT_EVERY}. */
    public NodeReporter start() {
        long every = NodeDirectory.REPORT_EVERY.toMillis();
        timer.scheduleWithFixedDelay(this::report, 0, every, TimeUnit.MILLISECONDS);
        return this;
    }

    /** One report. Never throws: a failure is logged when it starts and when it ends. */
    void report() {
        try {
            directory.report(status());
            if (failing) {
                failing = false;
                log.info("node {} reports to the node directory again", node);
            }
        } catch (RuntimeException e) {
            if (!failing) {
                failing = true;
                log.warn("node {} cannot report to the node directory (trying again every {} s): {}", node,
                        NodeDirectory.REPORT_EVERY.toSeconds(), e.toString());
            }
        }
    }

    /** This node now: the totals since the previous report turned into rates. */
    NodeStatus status() {
        NodeMetrics.Totals now = metrics.totals();
        Instant at = clock.instant();
        double perSecond = 0;
        double lagMs = 0;
        if (previous != null) {
            double seconds = Duration.between(previousAt, at).toNanos() / 1e9;
            if (seconds > 0) {
                perSecond = Math.max(0, now.deliveries() - previous.deliveries()) / seconds;
            }
            long lagged = now.lagged() - previous.lagged();
            if (lagged > 0) {
                lagMs = Math.max(0, now.lagSeconds() - previous.lagSeconds()) * 1000 / lagged;
            }
        }
        previous = now;
        previousAt = at;
        return new NodeStatus(node, address, now.sessions(), round(perSecond, 10), round(lagMs, 100), at);
    }

    /** {@code value} to {@code 1/per} (10: one decimal): the panel shows no more, and the JSON stays short. */
    private static double round(double value, int per) {
        return Math.round(value * per) / (double) per;
    }

    /** Stops reporting. The directory shows this node as gone once its last report grows old. */
    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(NodeDirectory.REPORT_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
