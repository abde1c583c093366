package org.livevitals.scaling.record;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The record's figures on {@code /metrics}: what waits, what was written, what was dropped. A dropped
 * reading is a hole in a patient's record, so its counter is the one to alert on.
 *
 * <pre>
 * livevitals_record_pending                      readings and alert changes waiting for the database
 * livevitals_record_written_total{kind=...}      reading, alert, audit
 * livevitals_record_dropped_total{kind=...}      reading, alert (the oldest, when the queue was full)
 * livevitals_record_write_failures_total         batches that failed and were tried again
 * </pre>
 */
public final class RecordMetrics {

    private RecordMetrics() {}

    public static void bind(MeterRegistry registry, RecordStore store) {
        RecordWriter writer = store.writer();
        Gauge.builder("livevitals.record.pending", writer, RecordWriter::pending)
                .description("readings and alert changes waiting for the database").register(registry);
        FunctionCounter.builder("livevitals.record.written", writer, RecordWriter::readingsWritten)
                .tag("kind", "reading").description("rows written to the record").register(registry);
        FunctionCounter.builder("livevitals.record.written", writer, RecordWriter::alertChangesWritten)
                .tag("kind", "alert").description("rows written to the record").register(registry);
        FunctionCounter.builder("livevitals.record.written", store, RecordStore::auditShipped)
                .tag("kind", "audit").description("rows written to the record").register(registry);
        FunctionCounter.builder("livevitals.record.dropped", writer, RecordWriter::dropped)
                .tag("kind", "reading").description("dropped, oldest first, because the queue was full").register(registry);
        FunctionCounter.builder("livevitals.record.dropped", writer, RecordWriter::droppedAlertChanges)
                .tag("kind", "alert").description("dropped, oldest first, because the queue was full").register(registry);
        FunctionCounter.builder("livevitals.record.write.failures", writer, RecordWriter::failures)
                .description("batches that failed and were tried again").register(registry);
    }
}
