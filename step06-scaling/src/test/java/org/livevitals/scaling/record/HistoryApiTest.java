package org.livevitals.scaling.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.livevitals.scaling.record.RecordNodes.CARDIOLOGY_PATIENT;
import static org.livevitals.scaling.record.RecordNodes.ICU_PATIENT;
import static org.livevitals.scaling.record.RecordNodes.PATIENCE;
import static org.livevitals.scaling.record.RecordNodes.publish;
import static org.livevitals.scaling.record.RecordNodes.reading;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.livevitals.broadcast.QueryParameters;
import org.livevitals.rawsockets.VitalSigns;
import org.livevitals.scaling.ScalingServer;
import org.livevitals.testkit.Scenario;
import tools.jackson.databind.JsonNode;

/** Lab 6, part 2: {@code GET /api/patients/{id}/history}, raw and downsampled, with Lab 5's rules, and its bad requests. */
class HistoryApiTest extends RecordScenario {

    /** Raw readings for the short range: one every 10 s, the last a few seconds ago. */
    private static final int RAW_READINGS = 30;
    private static final Duration RAW_EVERY = Duration.ofSeconds(10);
    /** Readings for the long range: two a minute for two hours, of another ICU patient. */
    private static final String LONG_PATIENT = "P003";
    private static final Duration LONG_SPAN = Duration.ofHours(2);
    private static final Duration LONG_EVERY = Duration.ofSeconds(30);
    /** A 6-hour range at about 500 points at most is 43.2 s a point: the next bucket up is a minute. */
    private static final Duration LONG_RANGE = Duration.ofHours(6);
    private static final int LONG_RANGE_BUCKET_SECONDS = 60;
    /** A week is 1,209.6 s a point: the next bucket up is 30 minutes. */
    private static final int WEEK_BUCKET_SECONDS = 30 * 60;
    /** The one minute of the long range in which the SpO2 dropped: its bucket's minimum must show it. */
    private static final int DESATURATION = 88;
    /** L6-32: a {@code to} so early that the default {@code from}, an hour before it, is no instant at all. */
    private static final String NO_HOUR_BEFORE = "a time with no hour before it, without from";

    @Test
    @Scenario("L6-23")
    void historyInOrderALongRangeDownsampledToBucketsANurseOnlyHerWardAnAdminRefused() throws Exception {
        ScalingServer node = nodes.node("n1", db);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        List<VitalSigns> raw = new ArrayList<>();
        for (int i = 0; i < RAW_READINGS; i++) {
            raw.add(reading(ICU_PATIENT, now.minus(RAW_EVERY.multipliedBy(RAW_READINGS - i)), 60 + i));
        }
        raw.add(reading(CARDIOLOGY_PATIENT, now.minusSeconds(5), 99));
        Instant longStart = now.truncatedTo(ChronoUnit.HOURS).minus(LONG_SPAN);
        int longReadings = (int) (LONG_SPAN.toSeconds() / LONG_EVERY.toSeconds());
        Instant desaturatedMinute = longStart.plus(Duration.ofMinutes(37));
        List<VitalSigns> longer = new ArrayList<>();
        for (int i = 0; i < longReadings; i++) {
            Instant at = longStart.plus(LONG_EVERY.multipliedBy(i));
            boolean second = i % 2 == 1; // of each minute: pulse 70 then 90, SpO2 95 then 97
            int spo2 = at.equals(desaturatedMinute) ? DESATURATION : second ? 97 : 95;
            longer.add(new VitalSigns(LONG_PATIENT, at, second ? 90 : 70, spo2, 37.0, 120, 80, 16));
        }
        raw.forEach(reading -> publish(node, reading));
        longer.forEach(reading -> publish(node, reading));
        int all = raw.size() + longer.size();
        await("every reading stored").atMost(PATIENCE)
                .until(() -> TestDatabase.number(db, "select count(*) from readings") >= all);
        String doctor = nodes.signIn(node, RecordNodes.DOCTOR);

        JsonNode shortRange = nodes.getJson(node, history(ICU_PATIENT, now.minus(Duration.ofMinutes(6)), now.plusSeconds(1)), doctor);
        assertThat(shortRange.path("patient").asString()).isEqualTo(ICU_PATIENT);
        assertThat(shortRange.path("bucketSeconds").asInt()).as("a range under 10 minutes: raw readings").isZero();
        assertThat(times(shortRange)).as("the times of the raw points, oldest first")
                .containsExactlyElementsOf(raw.subList(0, RAW_READINGS).stream().map(VitalSigns::takenAt).toList());
        List<Integer> pulses = new ArrayList<>();
        shortRange.path("points").forEach(point -> pulses.add(point.path("heartRate").asInt()));
        assertThat(pulses).as("the pulses of the raw points")
                .containsExactlyElementsOf(raw.subList(0, RAW_READINGS).stream().map(VitalSigns::heartRate).toList());

        JsonNode longRange = nodes.getJson(node, history(LONG_PATIENT, now.minus(LONG_RANGE), now), doctor);
        assertThat(longRange.path("bucketSeconds").asInt()).as("the bucket for %s", LONG_RANGE)
                .isEqualTo(LONG_RANGE_BUCKET_SECONDS);
        List<Instant> bucketTimes = times(longRange);
        assertThat(bucketTimes).as("one bucket per minute with readings, oldest first")
                .hasSize(longReadings / 2)
                .isSorted()
                .allSatisfy(time -> assertThat(time.getEpochSecond() % LONG_RANGE_BUCKET_SECONDS).isZero());
        int counted = 0;
        for (JsonNode point : longRange.path("points")) {
            String bucket = "the bucket of " + point.path("time").asString() + ": " + point;
            counted += point.path("count").asInt();
            assertThat(point.path("heartRate").asInt()).as(bucket).isEqualTo(80);
            assertThat(point.path("heartRateMin").asInt()).as(bucket).isEqualTo(70);
            assertThat(point.path("heartRateMax").asInt()).as(bucket).isEqualTo(90);
            int expectedMin = Instant.parse(point.path("time").asString()).equals(desaturatedMinute) ? DESATURATION : 95;
            assertThat(point.path("spo2Min").asInt()).as(bucket).isEqualTo(expectedMin);
            assertThat(point.path("spo2Max").asInt()).as(bucket).isEqualTo(97);
        }
        assertThat(counted).as("readings counted in the buckets").isEqualTo(longReadings);
        JsonNode week = nodes.getJson(node, history(LONG_PATIENT, now.minus(Duration.ofDays(7)), now), doctor);
        assertThat(week.path("bucketSeconds").asInt()).as("the bucket for a week").isEqualTo(WEEK_BUCKET_SECONDS);
        assertThat(week.path("points").size()).as("points for a week of which two hours have readings")
                .isBetween(1, 1 + (int) (LONG_SPAN.toSeconds() / WEEK_BUCKET_SECONDS));

        String icuNurse = nodes.signIn(node, RecordNodes.ICU_NURSE);
        assertThat(nodes.getJson(node, history(ICU_PATIENT, now.minus(Duration.ofMinutes(6)), now.plusSeconds(1)), icuNurse)
                .path("points").size()).as("the ICU nurse, her patient's history").isEqualTo(RAW_READINGS);
        HttpResponse<String> otherWard = nodes.get(node, "/api/patients/" + CARDIOLOGY_PATIENT + "/history", icuNurse);
        assertThat(otherWard.statusCode()).as("the ICU nurse, a cardiology patient: %s", otherWard.body()).isEqualTo(403);
        String admin = nodes.signIn(node, RecordNodes.ADMIN);
        HttpResponse<String> adminAnswer = nodes.get(node, "/api/patients/" + ICU_PATIENT + "/history", admin);
        assertThat(adminAnswer.statusCode()).as("an admin asking for vitals: %s", adminAnswer.body()).isEqualTo(403);
    }

    @Test
    @Scenario("L6-32")
    void badHistoryRequestsGetA400WithAReasonAndOtherClientsAreUnaffected() throws Exception {
        ScalingServer node = nodes.node("n1", db);
        RecordNodes.Dashboard watching = nodes.dashboard(node, RecordNodes.DOCTOR);
        String doctor = nodes.signIn(node, RecordNodes.DOCTOR);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String path = "/api/patients/" + ICU_PATIENT + "/history";
        Map<String, String> bad = new LinkedHashMap<>();
        bad.put("a time that is not ISO-8601", path + "?from=yesterday");
        bad.put("a date that does not exist", path + "?from=2026-02-30T00:00:00Z&to=2026-03-01T00:00:00Z");
        bad.put("a time without a zone", path + "?from=2026-01-01T00:00:00&to=2026-01-01T01:00:00");
        bad.put("an empty time", path + "?to=");
        bad.put("a number for a time", path + "?from=1700000000");
        bad.put("from after to", path + "?from=" + now + "&to=" + now.minus(Duration.ofHours(1)));
        bad.put("from equal to to", path + "?from=" + now + "&to=" + now);
        bad.put("a range over 31 days", path + "?from=" + now.minus(Duration.ofDays(32)) + "&to=" + now);
        bad.put("the earliest instant there is", path + "?from=" + enc(Instant.MIN.toString()) + "&to=" + now);
        bad.put("the latest instant there is", path + "?from=" + now + "&to=" + enc(Instant.MAX.toString()));
        bad.put(NO_HOUR_BEFORE, path + "?to=" + enc(Instant.MIN.plus(Duration.ofMinutes(30)).toString()));
        bad.put("the latest instant there is, without from", path + "?to=" + enc(Instant.MAX.toString()));
        bad.put("a parameter the history does not take", path + "?from=" + now.minusSeconds(60) + "&limit=5");
        bad.put("from given twice", path + "?from=" + now.minusSeconds(60) + "&from=" + now.minusSeconds(30));
        bad.put("a patient id with a space", "/api/patients/P%20001/history");
        bad.put("a patient id of 33 characters", "/api/patients/" + "P".repeat(33) + "/history");
        bad.put("markup for a patient id", "/api/patients/%3Cscript%3E/history");

        // The reasons a scenario must see word for word: the ones that were once a 500 or Jetty's page.
        Map<String, String> reasons = Map.of(
                NO_HOUR_BEFORE, "to must be between " + HistoryQuery.EARLIEST + " and " + HistoryQuery.LATEST);

        for (Map.Entry<String, String> request : bad.entrySet()) {
            HttpResponse<String> answer = nodes.get(node, request.getValue(), doctor);
            String what = request.getKey() + " (GET " + request.getValue() + ")";
            assertThat(answer.statusCode()).as("%s: %s", what, answer.body()).isEqualTo(400);
            assertThat(answer.headers().firstValue("Content-Type").orElse("none")).as("%s: %s", what, answer.body())
                    .startsWith("application/json");
            JsonNode error = RecordNodes.JSON.readTree(answer.body());
            assertThat(error.path("type").asString()).as("%s: %s", what, answer.body()).isEqualTo("error");
            assertThat(error.path("reason").asString()).as("%s: %s", what, answer.body())
                    .isNotBlank()
                    .doesNotContain("Exception")
                    .doesNotContain("\tat ");
            if (reasons.containsKey(request.getKey())) {
                assertThat(error.path("reason").asString()).as(what).isEqualTo(reasons.get(request.getKey()));
            }
        }
        // A query that is not percent-encoded UTF-8, which Java's URI cannot carry: sent as written, to the
        // history and to the record's other APIs, each answers its own JSON error.
        for (String unreadable : List.of(path + "?from=%zz", path + "?to=%ff", path + "?%", "/api/alerts?limit=%zz",
                "/api/alerts?since=%E2%82")) {
            nodes.getAsWritten(node, unreadable, doctor).assertJsonError(400, QueryParameters.UNREADABLE);
        }
        String adminToken = nodes.signIn(node, RecordNodes.ADMIN);
        nodes.getAsWritten(node, "/api/admin/audit?limit=%zz", adminToken).assertJsonError(400, QueryParameters.UNREADABLE);
        nodes.getAsWritten(node, "/api/admin/audit?node=%ff", adminToken).assertJsonError(400, QueryParameters.UNREADABLE);

        // Jetty itself refuses an encoded control character in a path (400 Suspicious Path Character, its
        // own page) before any handler sees it: a 400 all the same.
        HttpResponse<String> controlCharacter = nodes.get(node, "/api/patients/P%0A001/history", doctor);
        assertThat(controlCharacter.statusCode()).as("a patient id with a line break: %s", controlCharacter.body())
                .isEqualTo(400);
        HttpResponse<String> noToken = nodes.get(node, path, null);
        assertThat(noToken.statusCode()).as("no token: %s", noToken.body()).isEqualTo(401);
        HttpResponse<String> admin = nodes.get(node, path, adminToken);
        assertThat(admin.statusCode()).as("an admin: %s", admin.body()).isEqualTo(403);

        publish(node, reading(ICU_PATIENT, Instant.now(), 77));
        assertThat(watching.nextPulseOf(ICU_PATIENT)).as("the doctor's dashboard, after the bad requests").isEqualTo(77);
        await("the reading after the bad requests in the history").atMost(PATIENCE).until(() ->
                nodes.getJson(node, path, doctor).path("points").size() == 1);
    }

    private static String history(String patient, Instant from, Instant to) {
        return "/api/patients/" + patient + "/history?from=" + from + "&to=" + to;
    }

    private static String enc(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8);
    }

    private static List<Instant> times(JsonNode answer) {
        List<Instant> times = new ArrayList<>();
        answer.path("points").forEach(point -> times.add(Instant.parse(point.path("time").asString())));
        return times;
    }
}
