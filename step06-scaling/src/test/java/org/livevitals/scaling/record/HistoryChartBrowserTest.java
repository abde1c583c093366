package org.livevitals.scaling.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;
import javax.sql.DataSource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.livevitals.broadcast.MonitorSettings;
import org.livevitals.rawsockets.VitalSigns;
import org.livevitals.reconnect.ResumeSettings;
import org.livevitals.scaling.ScalingServer;
import org.livevitals.scaling.ScalingSettings;
import org.livevitals.security.ClinicalSettings;
import org.livevitals.security.SecuritySettings;
import org.livevitals.security.Wards;
import org.livevitals.testkit.Chromium;
import org.livevitals.testkit.Scenario;

/**
 * Lab 6: the trend on a patient's tile starts with the last hour from the record, in a real headless
 * Chromium. The page asks {@code GET /api/patients/{id}/history} when the tile appears (on opening, and
 * again after a reload, when the page has forgotten everything), puts the hour in front of the live
 * points, then goes on live: no reading twice, none out of order.
 */
// An embedded PostgreSQL and a browser on a shared two-core machine: more than the default two minutes.
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class HistoryChartBrowserTest {

    /** On the ICU: the doctor sees every ward. */
    private static final String PATIENT = "P001";
    /**
     * The record holds one reading a minute for most of the last hour: far enough apart that each is a
     * bucket of its own at the hour's resolution (a few seconds), so each is one point on the chart with
     * its own pulse; and young enough (the oldest 55 minutes) that the hour still holds them all when the
     * page asks, however slowly the machine gets there.
     */
    private static final int HOUR_READINGS = 55;
    private static final Duration BETWEEN_READINGS = Duration.ofMinutes(1);
    /** The stored pulses count up from here, so the chart's order is its values' order. */
    private static final int FIRST_PULSE = 100;
    /** The live readings: one before the page opens (the snapshot's), one after the reload. */
    private static final int LIVE_PULSE = 61;
    private static final int LATER_PULSE = 62;
    /**
     * Times sit this far past a whole ten seconds, inside a bucket rather than at its start: the stored
     * copy of the live reading is then a bucket that starts before it, which a page that compared bucket
     * starts only would draw a second time (the record writes every live reading too).
     */
    private static final Duration INSIDE_A_BUCKET = Duration.ofSeconds(5);
    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    @TempDir
    Path dataDir;

    @Test
    @Scenario("L6-31")
    void theChartShowsTheLastHourAfterAPageReload() throws Exception {
        try (ScalingServer server = ScalingServer.newServer(MonitorSettings.forTests(), ResumeSettings.DEFAULTS,
                     SecuritySettings.forTests(dataDir), ClinicalSettings.DEFAULTS,
                     ScalingSettings.SINGLE_NODE.withRecord(TestDatabase.newDatabase()), Clock.systemUTC()).start();
             Chromium chromium = Chromium.start()) {
            DataSource record = server.record().orElseThrow().dataSource();
            Instant whole = Instant.ofEpochSecond(Instant.now().getEpochSecond() / TEN_SECONDS.toSeconds() * TEN_SECONDS.toSeconds());
            Instant live = whole.minus(INSIDE_A_BUCKET); // a little in the past, inside its bucket
            List<Long> hour = storeAnHour(record, live.minus(TEN_SECONDS));

            // The patient's tile appears with the live reading, which the record writes as well.
            publish(server, live, LIVE_PULSE);
            awaitStored(record, live);
            List<Long> expected = new ArrayList<>(hour);
            expected.add((long) LIVE_PULSE);

            ChartPage page = new ChartPage(chromium, server.httpUri());
            page.openAndSignIn(ChartPage.DOCTOR);
            assertChartHolds(page, expected, "once the page is open");

            page.reload();
            assertChartHolds(page, expected, "after a reload");

            publish(server, Instant.now(), LATER_PULSE);
            expected.add((long) LATER_PULSE);
            chromium.waitUp().withMessage(() -> "the live pulse " + LATER_PULSE + " on the chart; it has " + page.pulses(PATIENT))
                    .until(browser -> page.pulses(PATIENT).contains((long) LATER_PULSE));
            assertThat(page.pulses(PATIENT)).as("L6-31: %s's pulses after a live reading, oldest first", PATIENT)
                    .containsExactlyElementsOf(expected);
            assertInTimeOrder(page, "after a live reading");
        }
    }

    /** A server without a record answers no history: the tile says so quietly, and its chart goes on live. */
    @Test
    void withoutTheHourTheChartGoesOnLive() throws Exception {
        try (ScalingServer server = ScalingServer.newServer(MonitorSettings.forTests(), ResumeSettings.DEFAULTS,
                     SecuritySettings.forTests(dataDir), ClinicalSettings.DEFAULTS, ScalingSettings.SINGLE_NODE,
                     Clock.systemUTC()).start();
             Chromium chromium = Chromium.start()) {
            publish(server, Instant.now(), LIVE_PULSE);
            ChartPage page = new ChartPage(chromium, server.httpUri());
            page.openAndSignIn(ChartPage.DOCTOR);
            chromium.waitUp().withMessage(() -> "a note under " + PATIENT + "'s chart; its chart has " + page.pulses(PATIENT))
                    .until(browser -> !page.note(PATIENT).isEmpty());
            assertThat(page.note(PATIENT)).as("the note under %s's chart", PATIENT).contains("live only");

            publish(server, Instant.now(), LATER_PULSE);
            chromium.waitUp().withMessage(() -> "the live pulse " + LATER_PULSE + " on the chart; it has " + page.pulses(PATIENT))
                    .until(browser -> page.pulses(PATIENT).contains((long) LATER_PULSE));
            assertThat(page.pulses(PATIENT)).as("%s's pulses, oldest first", PATIENT).containsExactly((long) LIVE_PULSE, (long) LATER_PULSE);
        }
    }

    /**
     * Stores {@link #HOUR_READINGS} readings of {@link #PATIENT}, a minute apart, the newest at {@code newest},
     * straight into the readings table (as the record writer would have); returns their pulses, oldest first.
     */
    private static List<Long> storeAnHour(DataSource record, Instant newest) throws SQLException {
        List<Long> pulses = new ArrayList<>();
        try (Connection connection = record.getConnection();
             PreparedStatement insert = connection.prepareStatement("""
                     INSERT INTO readings (patient_id, taken_at, ward, node_id, heart_rate, spo2, temperature,
                                           systolic, diastolic, respiratory_rate)
                     VALUES (?, ?, ?, ?, ?, ?, 37.0, 120, 80, 16)""")) {
            for (int i = 0; i < HOUR_READINGS; i++) {
                Instant takenAt = newest.minus(BETWEEN_READINGS.multipliedBy(HOUR_READINGS - 1 - i));
                int pulse = FIRST_PULSE + i;
                insert.setString(1, PATIENT);
                insert.setObject(2, OffsetDateTime.ofInstant(takenAt, ZoneOffset.UTC));
                insert.setString(3, Wards.ICU);
                insert.setString(4, ScalingSettings.SINGLE_NODE.nodeId());
                insert.setInt(5, pulse);
                insert.setInt(6, 90 + i % 10);
                insert.addBatch();
                pulses.add((long) pulse);
            }
            insert.executeBatch();
        }
        return pulses;
    }

    /** As if the patient's device had sent it: every vital normal but the pulse. */
    private static void publish(ScalingServer server, Instant takenAt, int pulse) {
        server.secure().monitor().stream().onReading(new VitalSigns(PATIENT, takenAt, pulse, 97, 37.0, 120, 80, 16));
    }

    private static void awaitStored(DataSource record, Instant takenAt) {
        Awaitility.await("the live reading of " + takenAt + " in the record").atMost(PATIENCE).until(() -> {
            try (Connection connection = record.getConnection();
                 PreparedStatement select = connection.prepareStatement(
                         "SELECT count(*) FROM readings WHERE patient_id = ? AND taken_at = ?")) {
                select.setString(1, PATIENT);
                select.setObject(2, OffsetDateTime.ofInstant(takenAt, ZoneOffset.UTC));
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() && rows.getLong(1) == 1;
                }
            }
        });
    }

    private static void assertChartHolds(ChartPage page, List<Long> expected, String when) {
        page.chromium().waitUp().withMessage(() -> "the hour's " + HOUR_READINGS + " pulses and the live one on "
                        + PATIENT + "'s chart " + when + "; it has " + page.pulses(PATIENT)
                        + (page.note(PATIENT).isEmpty() ? "" : ", and the note: " + page.note(PATIENT)))
                .until(browser -> page.pulses(PATIENT).size() >= expected.size());
        assertThat(page.pulses(PATIENT)).as("L6-31: %s's pulses %s, oldest first: the stored hour, then the live reading"
                + " (its stored copy not drawn twice)", PATIENT, when).containsExactlyElementsOf(expected);
        assertThat(page.spo2s(PATIENT).subList(0, HOUR_READINGS)).as("%s's stored SpO2 %s", PATIENT, when)
                .containsExactlyElementsOf(LongStream.range(0, HOUR_READINGS).map(i -> 90 + i % 10).boxed().toList());
        assertThat(page.note(PATIENT)).as("the note under %s's chart %s", PATIENT, when).isEmpty();
        assertInTimeOrder(page, when);
    }

    private static void assertInTimeOrder(ChartPage page, String when) {
        List<Instant> times = page.times(PATIENT).stream().map(Instant::parse).toList();
        for (int i = 1; i < times.size(); i++) {
            assertThat(times.get(i)).as("L6-31: %s's chart %s, point %d of %s", PATIENT, when, i, times).isAfter(times.get(i - 1));
        }
    }
}
