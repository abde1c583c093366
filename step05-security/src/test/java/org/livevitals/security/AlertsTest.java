package org.livevitals.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.livevitals.security.SecureFixture.ADMIN;
import static org.livevitals.security.SecureFixture.CARDIOLOGY_NURSE;
import static org.livevitals.security.SecureFixture.CARDIOLOGY_PATIENT;
import static org.livevitals.security.SecureFixture.DOCTOR;
import static org.livevitals.security.SecureFixture.ICU_NURSE;
import static org.livevitals.security.SecureFixture.ICU_PATIENT;
import static org.livevitals.security.SecureFixture.reading;
import static org.livevitals.security.SecureFixture.withSpo2;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livevitals.broadcast.MonitorSettings;
import org.livevitals.rawsockets.VitalSigns;
import org.livevitals.rawsockets.VitalsLineCodec;
import org.livevitals.reconnect.ResumeSettings;
import org.livevitals.testkit.Scenario;
import tools.jackson.databind.JsonNode;

/** Lab 5's alerts on the wire: who is sent them, acknowledging, the all-clear, technical alarms and a late joiner. */
class AlertsTest {

    /**
     * Heartbeats a session reads after an alert went to others: three take at least two heartbeat
     * intervals to come, long after an alert sent to it would have.
     */
    private static final int HEARTBEATS_AFTER = 3;
    /** No patient goes stale during a scenario unless it is about staleness. */
    private static final MonitorSettings NEVER_STALE = MonitorSettings.forTests().withStaleAfter(Duration.ofMinutes(10));
    /** A reading whose NEWS2 is 7 while no vital crosses its own limit: Resp 24 (2), SpO2 94 (1), BP 100 (2), Pulse 110 (1), 38.5 °C (1). */
    private static final int[] NEWS2_SEVEN = {110, 94, 100, 24};
    private static final double NEWS2_SEVEN_TEMPERATURE = 38.5;
    /**
     * What one low SpO2 reading raises: its own limit's alert and NEWS2's (SpO2 at 91 % or under scores 3
     * on its own), in the stream right after it.
     */
    private static final int ALERTS_PER_READING = 2;

    @TempDir
    Path dataDir;
    private SecureFixture fixture;

    @AfterEach
    void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    private SecureFixture start(ResumeSettings resume) throws Exception {
        fixture = new SecureFixture(NEVER_STALE, SecuritySettings.forTests(dataDir), resume, ClinicalSettings.DEFAULTS);
        return fixture;
    }

    private static JsonNode readingWithSpo2(SecureFixture.Dashboard dashboard, int spo2) {
        JsonNode reading = dashboard.nextNonHeartbeat();
        assertThat(reading.path("type").asString()).as("a reading: %s", reading).isEqualTo("reading");
        assertThat(reading.path("vitals").path("spo2").path("value").asInt()).as("its SpO2").isEqualTo(spo2);
        return reading;
    }

    private static void assertNothingButHeartbeats(SecureFixture.Dashboard dashboard, String who) {
        for (int beat = 0; beat < HEARTBEATS_AFTER; beat++) {
            assertThat(dashboard.next().path("type").asString()).as("%s: message %d after the alert", who, beat).isEqualTo("heartbeat");
        }
        assertThat(dashboard.alertsSoFar()).as("the alerts %s was sent", who).isEmpty();
    }

    @Test
    @Scenario("L5-26")
    void anSpo2BelowTheCriticalLimitRaisesAHighAlertOnEveryAllowedDashboardAndNoOther() throws Exception {
        start(ResumeSettings.forTests());
        SecureFixture.Dashboard doctor = fixture.openDashboard(DOCTOR);
        SecureFixture.Dashboard icuNurse = fixture.openDashboard(ICU_NURSE);
        SecureFixture.Dashboard cardiologyNurse = fixture.openDashboard(CARDIOLOGY_NURSE);
        SecureFixture.Dashboard admin = fixture.openDashboard(ADMIN);

        fixture.publish(withSpo2(ICU_PATIENT, 88));

        for (SecureFixture.Dashboard allowed : List.of(doctor, icuNurse)) {
            JsonNode reading = readingWithSpo2(allowed, 88);
            JsonNode alert = allowed.nextAlertFrom("SpO2");
            assertThat(alert.path("seq").asLong()).as("the alert comes right after the reading that raised it: %s", alert)
                    .isGreaterThan(reading.path("seq").asLong())
                    .isLessThanOrEqualTo(reading.path("seq").asLong() + ALERTS_PER_READING);
            assertThat(alert.path("reading").path("time").asString()).isEqualTo(reading.path("time").asString());
            assertThat(alert.path("patient").asString()).isEqualTo(ICU_PATIENT);
            assertThat(alert.path("kind").asString()).isEqualTo("clinical");
            assertThat(alert.path("source").asString()).isEqualTo("SpO2");
            assertThat(alert.path("priority").asString()).isEqualTo("high");
            assertThat(alert.path("state").asString()).isEqualTo("unacknowledged");
            assertThat(alert.path("event").asString()).isEqualTo("raised");
            assertThat(alert.path("text").asString()).as("the text names the value and the limit").contains("88", "90");
            assertThat(alert.path("reading").path("vitals").path("spo2").path("value").asInt())
                    .as("the reading that raised it").isEqualTo(88);
        }
        assertNothingButHeartbeats(cardiologyNurse, "the cardiology nurse");
        assertNothingButHeartbeats(admin, "the admin");
    }

    @Test
    @Scenario("L5-28")
    void aNews2OfSevenRaisesAHighRiskAlertAndASingleThreeTheLowOne() throws Exception {
        start(SecureFixture.QUIET);
        SecureFixture.Dashboard doctor = fixture.openDashboard(DOCTOR);

        fixture.publish(reading(ICU_PATIENT, NEWS2_SEVEN[0], NEWS2_SEVEN[1], NEWS2_SEVEN_TEMPERATURE, NEWS2_SEVEN[2], NEWS2_SEVEN[3]));
        JsonNode scored = doctor.nextNonHeartbeat();
        assertThat(scored.path("news2").path("score").asInt()).as("the reading's NEWS2: %s", scored).isEqualTo(7);
        JsonNode high = doctor.nextAlert();
        assertThat(high.path("source").asString()).as("the only alert: NEWS2's, no vital crossed a limit: %s", high).isEqualTo("NEWS2");
        assertThat(high.path("priority").asString()).isEqualTo("high");
        assertThat(high.path("news2").path("score").asInt()).isEqualTo(7);
        assertThat(high.path("news2").path("risk").asString()).isEqualTo("high");

        // Temperature 35.0 °C scores 3 on its own: NEWS2 3, under 5, so the single-parameter rule decides.
        fixture.publish(reading(CARDIOLOGY_PATIENT, 70, 97, 35.0, 120, 16));
        assertThat(doctor.nextNonHeartbeat().path("news2").path("risk").asString()).isEqualTo("low-medium");
        List<JsonNode> raised = new ArrayList<>(List.of(doctor.nextAlert(), doctor.nextAlert()));
        assertThat(raised).as("the cardiology patient's alerts").anySatisfy(alert -> {
            assertThat(alert.path("source").asString()).isEqualTo("NEWS2");
            assertThat(alert.path("priority").asString()).isEqualTo("low");
            assertThat(alert.path("news2").path("risk").asString()).isEqualTo("low-medium");
        }).anySatisfy(alert -> {
            assertThat(alert.path("source").asString()).as("35.0 °C is below the warning limit too").isEqualTo("Temperature");
            assertThat(alert.path("priority").asString()).isEqualTo("medium");
        });
    }

    @Test
    @Scenario("L5-29")
    void anAcknowledgementOnOneDashboardSilencesTheAlertOnAllOfThem() throws Exception {
        start(SecureFixture.QUIET);
        SecureFixture.Dashboard doctor = fixture.openDashboard(DOCTOR);
        SecureFixture.Dashboard icuNurse = fixture.openDashboard(ICU_NURSE);
        fixture.publish(withSpo2(ICU_PATIENT, 87));
        String id = doctor.nextAlertFrom("SpO2").path("id").asString();
        assertThat(icuNurse.nextAlertFrom("SpO2").path("id").asString()).isEqualTo(id);

        Instant before = Instant.now();
        icuNurse.send("{\"type\":\"acknowledge\",\"alert\":\"" + id + "\"}");

        for (SecureFixture.Dashboard dashboard : List.of(doctor, icuNurse)) {
            JsonNode acknowledged = dashboard.nextAlertFrom("SpO2");
            assertThat(acknowledged.path("id").asString()).isEqualTo(id);
            assertThat(acknowledged.path("state").asString()).as("%s", acknowledged).isEqualTo("acknowledged");
            assertThat(acknowledged.path("event").asString()).isEqualTo("acknowledged");
            assertThat(acknowledged.path("acknowledgedBy").asString()).isEqualTo(ICU_NURSE.name());
            Instant silencedUntil = Instant.parse(acknowledged.path("silencedUntil").asString());
            assertThat(silencedUntil).as("silenced for the documented period")
                    .isAfterOrEqualTo(before.plus(ClinicalSettings.DEFAULTS.alerts().silencePeriod()).minusSeconds(1));
        }
        // The acknowledgement is broadcast first and recorded after, so the record may follow the messages.
        await().untilAsserted(() -> assertThat(fixture.server.audit().recent(20)).as("the audit trail").anySatisfy(record -> {
            assertThat(record.action()).isEqualTo(AuditEvent.ACKNOWLEDGE);
            assertThat(record.user()).isEqualTo(ICU_NURSE.name());
            assertThat(record.patient()).isEqualTo(ICU_PATIENT);
            assertThat(record.outcome()).endsWith(AuditEvent.OK);
        }));
    }

    @Test
    @Scenario("L5-30")
    void aNurseCannotAcknowledgeAnotherWardsAlert() throws Exception {
        start(SecureFixture.QUIET);
        SecureFixture.Dashboard doctor = fixture.openDashboard(DOCTOR);
        SecureFixture.Dashboard cardiologyNurse = fixture.openDashboard(CARDIOLOGY_NURSE);
        fixture.publish(withSpo2(ICU_PATIENT, 86));
        String id = doctor.nextAlertFrom("SpO2").path("id").asString(); // she could not see it: say someone told her its id

        cardiologyNurse.send("{\"type\":\"acknowledge\",\"alert\":\"" + id + "\"}");
        JsonNode refusal = cardiologyNurse.nextNonHeartbeat();
        assertThat(refusal.path("type").asString()).as("%s", refusal).isEqualTo("error");
        assertThat(refusal.path("reason").asString()).contains(id).contains("may acknowledge");

        cardiologyNurse.send("{\"type\":\"acknowledge\",\"alert\":\"A999999\"}");
        assertThat(cardiologyNurse.nextNonHeartbeat().path("reason").asString())
                .as("an alert that does not exist gets the same answer: nothing tells her what happens on the ICU")
                .isEqualTo(refusal.path("reason").asString().replace(id, "A999999"));

        assertThat(fixture.server.alerts().activeAlert(id)).get()
                .satisfies(alert -> assertThat(alert.acknowledgedBy()).as("still unacknowledged").isNull());
        assertThat(fixture.server.audit().recent(20)).as("the audit trail").anySatisfy(record -> {
            assertThat(record.action()).isEqualTo(AuditEvent.ACKNOWLEDGE);
            assertThat(record.user()).isEqualTo(CARDIOLOGY_NURSE.name());
            assertThat(record.outcome()).startsWith("refused");
        });
        assertThat(cardiologyNurse.alertsSoFar()).as("alerts sent to the cardiology nurse").isEmpty();
    }

    @Test
    @Scenario("L5-31")
    void valuesBackInRangeClearTheAlertAfterTheHoldAndTheAllClearReachesEveryAllowedDashboard() throws Exception {
        start(SecureFixture.QUIET);
        SecureFixture.Dashboard doctor = fixture.openDashboard(DOCTOR);
        SecureFixture.Dashboard icuNurse = fixture.openDashboard(ICU_NURSE);
        fixture.publish(withSpo2(ICU_PATIENT, 85));
        String id = doctor.nextAlertFrom("SpO2").path("id").asString();
        icuNurse.nextAlertFrom("SpO2");

        int hold = ClinicalSettings.DEFAULTS.alerts().clearAfterReadings();
        for (int normal = 1; normal <= hold; normal++) {
            fixture.publish(withSpo2(ICU_PATIENT, 97));
        }
        for (SecureFixture.Dashboard dashboard : List.of(doctor, icuNurse)) {
            long lastSeq = 0;
            for (int normal = 1; normal <= hold + 1; normal++) {
                lastSeq = readingWithSpo2(dashboard, normal == 1 ? 85 : 97).path("seq").asLong();
            }
            JsonNode cleared = dashboard.nextAlertFrom("SpO2");
            assertThat(cleared.path("id").asString()).isEqualTo(id);
            assertThat(cleared.path("state").asString()).as("%s", cleared).isEqualTo("cleared");
            assertThat(cleared.path("event").asString()).isEqualTo("cleared");
            assertThat(cleared.path("seq").asLong()).as("cleared by the last of %d readings in range, not before", hold)
                    .isGreaterThan(lastSeq).isLessThanOrEqualTo(lastSeq + ALERTS_PER_READING);
        }
        assertThat(fixture.server.alerts().active()).as("active alerts").isEmpty();
    }

    @Test
    @Scenario("L5-34")
    void aDeviceThatDisconnectsRaisesATechnicalAlarmThatItsNextReadingClears() throws Exception {
        start(SecureFixture.QUIET);
        SecureFixture.Dashboard doctor = fixture.openDashboard(DOCTOR);
        try (Socket device = new Socket("localhost", fixture.server.monitor().devicePort())) {
            OutputStream out = device.getOutputStream();
            out.write((new VitalsLineCodec().encode(withSpo2(ICU_PATIENT, 97)) + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            assertThat(new BufferedReader(new InputStreamReader(device.getInputStream(), StandardCharsets.UTF_8)).readLine())
                    .isEqualTo("OK " + ICU_PATIENT);
        } // the device goes away
        JsonNode alarm = doctor.nextAlert();
        assertThat(alarm.path("kind").asString()).as("%s", alarm).isEqualTo("technical");
        assertThat(alarm.path("source").asString()).isEqualTo("device");
        assertThat(alarm.path("patient").asString()).isEqualTo(ICU_PATIENT);
        assertThat(alarm.path("text").asString()).contains("disconnected");

        fixture.publish(withSpo2(ICU_PATIENT, 97));
        JsonNode cleared = doctor.nextAlert();
        assertThat(cleared.path("id").asString()).isEqualTo(alarm.path("id").asString());
        assertThat(cleared.path("state").asString()).isEqualTo("cleared");
    }

    @Test
    @Scenario("L5-36")
    void aNewOrResumingDashboardIsSentTheAlertsActiveNowThatItMaySee() throws Exception {
        start(SecureFixture.QUIET);
        SecureFixture.Dashboard icuNurse = fixture.openDashboard(ICU_NURSE);
        fixture.publish(withSpo2(ICU_PATIENT, 86));
        JsonNode reading = icuNurse.nextNonHeartbeat();
        String spo2 = icuNurse.nextAlertFrom("SpO2").path("id").asString();
        String news2 = fixture.server.alerts().active().stream().filter(alert -> alert.source().equals("NEWS2"))
                .findFirst().orElseThrow().id();

        SecureFixture.Dashboard doctor = fixture.dashboard(DOCTOR);
        JsonNode snapshot = doctor.next();
        assertThat(snapshot.path("type").asString()).isEqualTo("snapshot");
        assertThat(ids(doctor.nextAlertList())).as("a doctor who opens the dashboard now").containsExactly(spo2, news2);

        SecureFixture.Dashboard cardiologyNurse = fixture.dashboard(CARDIOLOGY_NURSE);
        cardiologyNurse.next();
        assertThat(ids(cardiologyNurse.nextAlertList())).as("a nurse of another ward").isEmpty();

        String ticket = fixture.ticket(fixture.signIn(ICU_NURSE));
        SecureFixture.Dashboard resumed = fixture.dashboard("icu-nurse-again", ticket,
                "&epoch=" + snapshot.path("epoch").asString() + "&lastSeq=" + (reading.path("seq").asLong() - 1), null);
        JsonNode recovery = resumed.next();
        assertThat(recovery.path("recovered").asBoolean()).as("%s", recovery).isTrue();
        assertThat(ids(resumed.nextAlertList())).as("the ICU nurse, resuming").containsExactly(spo2, news2);
    }

    private static List<String> ids(JsonNode list) {
        List<String> ids = new ArrayList<>();
        list.path("active").forEach(alert -> ids.add(alert.path("id").asString()));
        return ids;
    }

    @Test
    @Scenario("L5-44")
    void malformedAcknowledgementsAndCommandsGetAnErrorAndTheSessionGoesOn() throws Exception {
        start(SecureFixture.QUIET);
        SecureFixture.Dashboard doctor = fixture.openDashboard(DOCTOR);
        SecureFixture.Dashboard watcher = fixture.openDashboard(ICU_NURSE);
        List<String> malformed = List.of(
                "{\"type\":\"acknowledge\"}",
                "{\"type\":\"acknowledge\",\"alert\":\"<script>alert(1)</script>\"}",
                "{\"type\":\"acknowledge\",\"alert\":7}",
                "{\"type\":\"acknowledge\",\"alert\":\"A1\",\"silenceFor\":\"forever\"}",
                "{\"type\":\"command\",\"requestId\":\"r1\",\"patient\":\"P001\",\"command\":\"self-destruct\"}",
                "{\"type\":\"command\",\"requestId\":\"r1\",\"patient\":\"P001\\nCMD 1 reset\",\"command\":\"reset\"}",
                "{\"type\":\"command\",\"requestId\":\"" + "r".repeat(65) + "\",\"patient\":\"P001\",\"command\":\"reset\"}",
                "{\"type\":\"command\",\"patient\":\"P001\",\"command\":\"reset\"}");
        for (String message : malformed) {
            doctor.send(message);
            JsonNode answer = doctor.nextNonHeartbeat();
            assertThat(answer.path("type").asString()).as("the answer to %s: %s", message, answer).isEqualTo("error");
            assertThat(answer.path("reason").asString()).as("the reason for %s", message).isNotBlank().doesNotContain("<script>");
        }
        fixture.publish(withSpo2(ICU_PATIENT, 97));
        readingWithSpo2(doctor, 97);
        readingWithSpo2(watcher, 97);
        assertThat(doctor.recorder().session().isOpen()).as("the doctor's session").isTrue();
    }

    /** Awaits the device gateway's route to a patient, once its device has sent a reading. */
    static void awaitDevice(SecureFixture fixture, String patient) {
        await("the device of " + patient).atMost(SecureFixture.PATIENCE)
                .until(() -> fixture.server.monitor().devices().isConnected(patient));
    }

    static VitalSigns normal(String patient) {
        return withSpo2(patient, 97);
    }
}
