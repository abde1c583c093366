package org.livevitals.scaling.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.livevitals.scaling.record.RecordNodes.CARDIOLOGY_PATIENT;
import static org.livevitals.scaling.record.RecordNodes.ICU_PATIENT;
import static org.livevitals.scaling.record.RecordNodes.PATIENCE;
import static org.livevitals.scaling.record.RecordNodes.publish;
import static org.livevitals.scaling.record.RecordNodes.reading;
import static org.livevitals.scaling.record.RecordNodes.record;

import java.net.InetSocketAddress;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.livevitals.rawsockets.VitalSigns;
import org.livevitals.scaling.ScalingServer;
import org.livevitals.testkit.Scenario;
import org.livevitals.testkit.TcpFaultProxy;
import tools.jackson.databind.JsonNode;

/** Lab 6, part 2: every reading the node publishes goes to the record, off the hot path, and survives an outage. */
class RecordWriterTest extends RecordScenario {

    /** Readings published in L6-22: several of the writer's batches (500 by default). */
    private static final int PUBLISHED = 1_200;
    /** Readings published while the database is cut off in L6-25. */
    private static final int DURING_OUTAGE = 60;
    /** The queue's bound in L6-26, and how many readings more than that wait for it. */
    private static final int CAPACITY = 20;
    private static final int OVERFLOW = 15;

    /** One row of the readings table: who, when, which pulse, and who wrote it. */
    private record Row(String patient, Instant takenAt, int pulse, String ward, String node) {}

    @Test
    @Scenario("L6-22")
    void readingsPublishedForAWhileAreAllInTheStoreExactlyOnce() throws Exception {
        ScalingServer node = nodes.node("n1", db);
        List<VitalSigns> published = readings(PUBLISHED);

        published.forEach(reading -> publish(node, reading));

        List<Row> expected = published.stream()
                .map(r -> new Row(r.patientId(), r.takenAt(), r.heartRate(), wardOf(r.patientId()), "n1"))
                .sorted(java.util.Comparator.comparing(Row::patient).thenComparing(Row::takenAt))
                .toList();
        await("all " + PUBLISHED + " readings in the readings table").atMost(PATIENCE).untilAsserted(() ->
                assertThat(rows("order by patient_id, taken_at")).as("the readings table after %d readings were published",
                        PUBLISHED).containsExactlyElementsOf(expected));
        RecordWriter writer = record(node).writer();
        await("the writer's count").atMost(PATIENCE).until(() -> writer.readingsWritten() >= PUBLISHED);
        assertThat(writer.readingsWritten()).as("readings the writer counts as written").isEqualTo(PUBLISHED);
        assertThat(writer.dropped()).as("readings dropped").isZero();
    }

    @Test
    @Scenario("L6-25")
    void theDatabaseUnreachableForAWhileDashboardsGetEveryReadingAndTheQueueIsWrittenInOrderWhenItReturns()
            throws Exception {
        try (TcpFaultProxy network = TcpFaultProxy.start(new InetSocketAddress("127.0.0.1", TestDatabase.port()))) {
            ScalingServer node = nodes.node("n1", TestDatabase.through(db, network.port()));
            RecordNodes.Dashboard doctor = nodes.dashboard(node, RecordNodes.DOCTOR);
            List<VitalSigns> published = readings(5 + DURING_OUTAGE);
            published.subList(0, 5).forEach(reading -> publish(node, reading));
            await("the first readings stored while the database is reachable").atMost(PATIENCE)
                    .until(() -> TestDatabase.number(db, "select count(*) from readings") == 5);
            for (VitalSigns reading : published.subList(0, 5)) {
                doctor.nextPulseOf(reading.patientId());
            }

            network.cut();
            for (VitalSigns reading : published.subList(5, published.size())) {
                publish(node, reading);
                assertThat(doctor.nextPulseOf(reading.patientId()))
                        .as("the live reading of %s taken at %s, with the database cut off", reading.patientId(),
                                reading.takenAt())
                        .isEqualTo(reading.heartRate());
            }
            await("the writer to notice the database is away").atMost(PATIENCE)
                    .until(() -> record(node).problem().isPresent());
            JsonNode health = nodes.getJson(node, "/health", null);
            assertThat(health.path("status").asString()).as("/health with only the database down: %s", health)
                    .isEqualTo("ready");
            assertThat(TestDatabase.number(db, "select count(*) from readings"))
                    .as("rows while the database is cut off").isEqualTo(5);

            network.restore();
            // A table that only ever had rows inserted keeps them in the order they were inserted: ctid order is
            // the writer's order.
            await("the readings queued during the outage written, in order").atMost(PATIENCE).untilAsserted(() ->
                    assertThat(rows("order by ctid").stream().map(Row::takenAt).toList())
                            .as("the rows in the order they were written")
                            .containsExactlyElementsOf(published.stream().map(VitalSigns::takenAt).toList()));
            assertThat(record(node).writer().dropped()).as("readings dropped").isZero();
        }
    }

    @Test
    @Scenario("L6-26")
    void aFullQueueDropsTheOldestReadingsAndCountsThemInMetrics() throws Exception {
        try (TcpFaultProxy network = TcpFaultProxy.start(new InetSocketAddress("127.0.0.1", TestDatabase.port()));
                ConsoleLog log = new ConsoleLog()) {
            ScalingServer node = nodes.node("n1", TestDatabase.through(db, network.port()).withQueueCapacity(CAPACITY));
            RecordWriter writer = record(node).writer();
            List<VitalSigns> published = readings(1 + CAPACITY + OVERFLOW);

            network.cut();
            publish(node, published.get(0));
            // The writer takes the first reading and fails to write it: it keeps that batch and tries it
            // again, while what follows waits in the queue.
            await("the first reading taken by the writer, and its write failed").atMost(PATIENCE)
                    .until(() -> writer.failures() > 0 && writer.pending() == 0);
            published.subList(1, published.size()).forEach(reading -> publish(node, reading));

            assertThat(writer.dropped()).as("dropped, after %d readings into a queue of %d", published.size() - 1, CAPACITY)
                    .isEqualTo(OVERFLOW);
            assertThat(writer.pending()).as("readings waiting in the full queue").isEqualTo(CAPACITY);
            String metrics = nodes.metrics(node);
            assertThat(RecordNodes.sample(metrics, "livevitals_record_dropped_total{kind=\"reading\"}"))
                    .as("livevitals_record_dropped_total{kind=\"reading\"} in /metrics:%n%s", metrics)
                    .hasValue((double) OVERFLOW);

            await("a log line about the dropped readings").atMost(PATIENCE).until(() -> log.lines().stream()
                    .anyMatch(line -> line.toLowerCase(java.util.Locale.ROOT).contains("dropped")));

            network.restore();
            List<Instant> kept = new ArrayList<>();
            kept.add(published.get(0).takenAt()); // the batch in the writer's hands when the database went away
            published.subList(1 + OVERFLOW, published.size()).forEach(reading -> kept.add(reading.takenAt()));
            await("the queue written once the database is back").atMost(PATIENCE).untilAsserted(() ->
                    assertThat(rows("order by ctid").stream().map(Row::takenAt).toList())
                            .as("what is stored: the reading being written, then the newest %d, in order", CAPACITY)
                            .containsExactlyElementsOf(kept));
        }
    }

    /**
     * {@code count} readings, alternately of an ICU and a cardiology patient, 10 ms apart and ending
     * now, with pulses cycling through normal values (60 to 99: no alert, so only readings are queued).
     */
    static List<VitalSigns> readings(int count) {
        Instant first = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofMillis(10L * count));
        List<VitalSigns> readings = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String patient = i % 2 == 0 ? ICU_PATIENT : CARDIOLOGY_PATIENT;
            readings.add(reading(patient, first.plusMillis(10L * i), 60 + i % 40));
        }
        return readings;
    }

    private static String wardOf(String patient) {
        return ICU_PATIENT.equals(patient) ? "icu" : "cardiology";
    }

    private List<Row> rows(String orderBy) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (Connection connection = TestDatabase.superuser(db); Statement statement = connection.createStatement();
                ResultSet result = statement.executeQuery(
                        "select patient_id, taken_at, heart_rate, ward, node_id from readings " + orderBy)) {
            while (result.next()) {
                rows.add(new Row(result.getString(1), result.getObject(2, java.time.OffsetDateTime.class).toInstant(),
                        result.getInt(3), result.getString(4), result.getString(5)));
            }
        }
        return rows;
    }
}
