package org.livevitals.scaling.ops;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;

/**
 * What one node counts about itself, kept by Micrometer and read by Prometheus from {@code /metrics}.
 *
 * <p>A cluster cannot be watched by looking at one screen: each node says how many dashboards it holds,
 * how many messages it delivered, how many slow dashboards it cut off, how resumes went, and how far
 * behind the backplane it runs. Prometheus scrapes every node and adds them up. The counters only ever
 * go up (Prometheus computes the rates: {@code rate(livevitals_deliveries_total[1m])}); the number of
 * sessions is a gauge, read at each scrape.
 *
 * <p>Micrometer names meters with dots and the Prometheus registry writes them the Prometheus way:
 * {@code livevitals.deliveries} becomes {@code livevitals_deliveries_total}, the timer
 * {@code livevitals.backplane.lag} becomes {@code livevitals_backplane_lag_seconds_count}, {@code _sum},
 * {@code _max} and its buckets.
 */
public final class NodeMetrics {

    /** The content type of the Prometheus text format, version 0.0.4, which {@link #scrape()} writes. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /**
     * The buckets of the backplane lag histogram: a handful, so the page stays small and every node has
     * the same ones (Prometheus can only add up buckets that match). Within a data centre the lag is a
     * millisecond or two; hundreds of milliseconds mean a node is falling behind.
     */
    static final Duration[] LAG_BUCKETS = {Duration.ofMillis(1), Duration.ofMillis(5), Duration.ofMillis(10),
            Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofSeconds(5)};

    /** A running total, for {@link NodeReporter} to turn into rates between two of its reports. */
    public record Totals(int sessions, long deliveries, long lagged, double lagSeconds) {}

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final IntSupplier sessions;
    private final Counter deliveries;
    private final Counter evictions;
    private final Counter recovered;
    private final Counter snapshots;
    private final Timer backplaneLag;
    private final Counter dropped;

    /** @param sessions the dashboard sessions open on this node now, read at every scrape */
    public NodeMetrics(IntSupplier sessions) {
        this.sessions = sessions;
        // The Supplier form holds the function strongly. Gauge.builder(name, object, fn) would hold the
        // object weakly (a gauge must not keep its object alive), and read NaN once it is collected.
        Gauge.builder("livevitals.dashboard.sessions", () -> sessions.getAsInt())
                .description("dashboard sessions open on this node")
                .register(registry);
        deliveries = Counter.builder("livevitals.deliveries")
                .description("stream messages (readings, alerts) sent to dashboard sessions, one per session")
                .register(registry);
        evictions = Counter.builder("livevitals.evictions")
                .description("dashboard sessions cut off because they could not keep up or stopped answering")
                .register(registry);
        recovered = resumes("recovered");
        snapshots = resumes("snapshot");
        backplaneLag = Timer.builder("livevitals.backplane.lag")
                .description("from a message's publication on any node to its delivery on this node")
                .serviceLevelObjectives(LAG_BUCKETS)
                .register(registry);
        dropped = Counter.builder("livevitals.backplane.dropped")
                .description("backplane messages this node could not deliver (its delivery queue was full)")
                .register(registry);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
    }

    private Counter resumes(String outcome) {
        return Counter.builder("livevitals.resumes")
                .description("reconnecting dashboards: recovered from the history, or sent a fresh snapshot")
                .tag("outcome", outcome)
                .register(registry);
    }

    /** One message went out to {@code sessions} dashboard sessions. */
    public void delivered(int sessions) {
        if (sessions > 0) {
            deliveries.increment(sessions);
        }
    }

    /** A dashboard session was evicted (too slow, or silent). */
    public void evicted() {
        evictions.increment();
    }

    /** A dashboard reconnected: {@code recovered} if the history had everything it missed, else it got a snapshot. */
    public void resumed(boolean recovered) {
        (recovered ? this.recovered : snapshots).increment();
    }

    /**
     * How long a backplane message took from its publication to its delivery here. The two times come
     * from two machines' clocks, so a lag can come out below zero; it is counted as zero.
     */
    public void backplaneLag(Duration lag) {
        backplaneLag.record(lag.isNegative() ? Duration.ZERO : lag);
    }

    /** A backplane message was dropped on this node. */
    public void dropped() {
        dropped.increment();
    }

    /** Every meter in the Prometheus text format (version 0.0.4, {@link #CONTENT_TYPE}). */
    public String scrape() {
        return registry.scrape();
    }

    /** The totals so far, for the admin's nodes panel. */
    public Totals totals() {
        return new Totals(sessions.getAsInt(), (long) deliveries.count(), backplaneLag.count(),
                backplaneLag.totalTime(TimeUnit.SECONDS));
    }

    /** The registry, for binders of the server's own (Jetty's thread pool and connections, for example). */
    public MeterRegistry registry() {
        return registry;
    }
}
