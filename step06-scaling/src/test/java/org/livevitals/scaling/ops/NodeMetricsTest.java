package org.livevitals.scaling.ops;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What a node counts, as Prometheus reads it. */
class NodeMetricsTest {

    private final AtomicInteger open = new AtomicInteger();
    private final NodeMetrics metrics = new NodeMetrics(open::get);

    @Test
    void theSessionsGaugeReadsTheNodeAtEachScrape() {
        open.set(3);
        assertThat(metrics.scrape()).contains("livevitals_dashboard_sessions 3.0");
        open.set(7);
        assertThat(metrics.scrape()).contains("livevitals_dashboard_sessions 7.0");
    }

    @Test
    void deliveriesCountOnePerSessionReached() {
        metrics.delivered(3);
        metrics.delivered(0);
        metrics.delivered(2);
        assertThat(metrics.scrape()).contains("livevitals_deliveries_total 5.0");
    }

    @Test
    void evictionsDropsAndResumesByOutcomeAreCounted() {
        metrics.evicted();
        metrics.dropped();
        metrics.dropped();
        metrics.resumed(true);
        metrics.resumed(true);
        metrics.resumed(false);
        assertThat(metrics.scrape())
                .contains("livevitals_evictions_total 1.0")
                .contains("livevitals_backplane_dropped_total 2.0")
                .contains("livevitals_resumes_total{outcome=\"recovered\"} 2.0")
                .contains("livevitals_resumes_total{outcome=\"snapshot\"} 1.0");
    }

    @Test
    void theBackplaneLagIsATimerInSecondsWithBuckets() {
        metrics.backplaneLag(Duration.ofMillis(3));
        metrics.backplaneLag(Duration.ofMillis(-20)); // another machine's clock ahead of ours
        String page = metrics.scrape();
        assertThat(page)
                .contains("livevitals_backplane_lag_seconds_count 2")
                .contains("livevitals_backplane_lag_seconds_sum 0.003")
                .contains("livevitals_backplane_lag_seconds_bucket{le=\"0.005\"} 2");
    }

    @Test
    void everyNodeHasJvmMemoryAndThreads() {
        assertThat(metrics.scrape()).contains("jvm_memory_used_bytes{").contains("jvm_threads_live_threads ");
    }

    @Test
    void totalsAddUpForTheNodesPanel() {
        open.set(2);
        metrics.delivered(4);
        metrics.backplaneLag(Duration.ofMillis(10));
        metrics.backplaneLag(Duration.ofMillis(30));
        NodeMetrics.Totals totals = metrics.totals();
        assertThat(totals.sessions()).isEqualTo(2);
        assertThat(totals.deliveries()).isEqualTo(4);
        assertThat(totals.lagged()).isEqualTo(2);
        assertThat(totals.lagSeconds()).isCloseTo(0.040, within(1e-9));
    }
}
