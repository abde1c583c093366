package org.livevitals.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.livevitals.security.SecureFixture.ADMIN;
import static org.livevitals.security.SecureFixture.CARDIOLOGY_PATIENT;
import static org.livevitals.security.SecureFixture.DOCTOR;
import static org.livevitals.security.SecureFixture.ICU_NURSE;
import static org.livevitals.security.SecureFixture.ICU_PATIENT;
import static org.livevitals.security.SecureFixture.JSON;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livevitals.reconnect.ResumeSettings;
import org.livevitals.testkit.Scenario;
import tools.jackson.databind.JsonNode;

/** Lab 5's roles on the wire: what a nurse, a doctor and an admin are sent, live, in a snapshot, in a replay and by the API. */
class RolesTest {

    /** L5-13: heartbeats read after the readings were published: three take two intervals, long enough for any reading sent to come first. */
    private static final int HEARTBEATS_AFTER = 3;

    @TempDir
    Path dataDir;
    private SecureFixture fixture;

    @AfterEach
    void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static List<String> patientsOf(JsonNode readings) {
        List<String> patients = new ArrayList<>();
        readings.forEach(reading -> patients.add(reading.path("patient").asString()));
        return patients;
    }

    private static String patientAndPulse(JsonNode reading) {
        return reading.path("patient").asString() + "@" + reading.path("vitals").path("heartRate").path("value").asInt();
    }

    @Test
    @Scenario("L5-11")
    void aNurseSeesHerWardOnlyWhileADoctorSeesEveryPatient() throws Exception {
        fixture = new SecureFixture(SecuritySettings.forTests(dataDir), SecureFixture.QUIET);
        fixture.publish(ICU_PATIENT, 70);
        fixture.publish(CARDIOLOGY_PATIENT, 71);

        SecureFixture.Dashboard nurse = fixture.dashboard(ICU_NURSE);
        SecureFixture.Dashboard doctor = fixture.dashboard(DOCTOR);
        assertThat(patientsOf(nurse.next().path("readings"))).as("the ICU nurse's snapshot").containsExactly(ICU_PATIENT);
        assertThat(patientsOf(doctor.next().path("readings"))).as("the doctor's snapshot")
                .containsExactlyInAnyOrder(ICU_PATIENT, CARDIOLOGY_PATIENT);

        fixture.publish(ICU_PATIENT, 80);
        fixture.publish(CARDIOLOGY_PATIENT, 81);
        fixture.publish(ICU_PATIENT, 82);

        assertThat(List.of(patientAndPulse(nurse.next()), patientAndPulse(nurse.next())))
                .as("the nurse's stream, in order").containsExactly("P001@80", "P001@82");
        assertThat(List.of(patientAndPulse(doctor.next()), patientAndPulse(doctor.next()), patientAndPulse(doctor.next())))
                .as("the doctor's stream, in order").containsExactly("P001@80", "P002@81", "P001@82");
        nurse.recorder().assertExhausted();
    }

    @Test
    @Scenario("L5-12")
    void aNursesResumeReplaysOnlyHerWardsReadings() throws Exception {
        fixture = new SecureFixture(SecuritySettings.forTests(dataDir), SecureFixture.QUIET);
        fixture.publish(ICU_PATIENT, 60);
        SecureFixture.Dashboard nurse = fixture.dashboard(ICU_NURSE);
        JsonNode snapshot = nurse.next();
        String epoch = snapshot.path("epoch").asString();
        long seq = snapshot.path("seq").asLong();
        nurse.nextAlertList();
        nurse.recorder().session().close();
        nurse.recorder().assertClosed(1000);

        fixture.publish(ICU_PATIENT, 61);
        fixture.publish(CARDIOLOGY_PATIENT, 62);
        fixture.publish(CARDIOLOGY_PATIENT, 63);
        fixture.publish(ICU_PATIENT, 64);

        String ticket = fixture.ticket(fixture.signIn(ICU_NURSE));
        SecureFixture.Dashboard back = fixture.dashboard("nurse-back", ticket, "&epoch=" + epoch + "&lastSeq=" + seq, null);
        JsonNode recovery = back.next();
        assertThat(recovery.path("type").asString()).isEqualTo("recovery");
        assertThat(recovery.path("recovered").asBoolean()).as("recovered: %s", recovery).isTrue();
        List<String> replayed = new ArrayList<>();
        recovery.path("missed").forEach(reading -> replayed.add(patientAndPulse(reading)));
        assertThat(replayed).as("her replay").containsExactly("P001@61", "P001@64");

        fixture.publish(CARDIOLOGY_PATIENT, 65);
        fixture.publish(ICU_PATIENT, 66);
        assertThat(patientAndPulse(back.next())).as("her stream goes on").isEqualTo("P001@66");
    }

    @Test
    @Scenario("L5-13")
    void anAdminGetsNoVitalsOnTheStreamOrFromTheApi() throws Exception {
        fixture = new SecureFixture(SecuritySettings.forTests(dataDir), ResumeSettings.forTests());
        fixture.publish(ICU_PATIENT, 70);
        fixture.publish(CARDIOLOGY_PATIENT, 71);
        String token = fixture.signIn(ADMIN);
        SecureFixture.Dashboard admin = fixture.dashboard("admin", fixture.ticket(token), "", null);

        JsonNode snapshot = JSON.readTree(admin.recorder().nextTextAfterPings());
        assertThat(snapshot.path("type").asString()).isEqualTo("snapshot");
        assertThat(snapshot.path("readings").size()).as("readings in the admin's snapshot").isZero();
        JsonNode alerts = JSON.readTree(admin.recorder().nextTextAfterPings());
        assertThat(alerts.path("type").asString()).isEqualTo("alerts");
        assertThat(alerts.path("active").size()).as("alerts in the admin's opening list").isZero();

        fixture.publish(ICU_PATIENT, 80);
        fixture.publish(CARDIOLOGY_PATIENT, 81);
        for (int beat = 0; beat < HEARTBEATS_AFTER; beat++) {
            assertThat(JSON.readTree(admin.recorder().nextTextAfterPings()).path("type").asString()).as("message %d after the readings", beat).isEqualTo("heartbeat");
        }

        HttpResponse<String> patients = fixture.get("/api/patients", token);
        assertThat(patients.statusCode()).as("GET /api/patients as an admin: %s", patients.body()).isEqualTo(403);
    }

    @Test
    @Scenario("L5-14")
    void thePatientsApiAnswersEachCallerWithWhatItMaySee() throws Exception {
        fixture = new SecureFixture(SecuritySettings.forTests(dataDir), SecureFixture.QUIET);
        fixture.publish(ICU_PATIENT, 70);
        fixture.publish(CARDIOLOGY_PATIENT, 71);

        assertThat(fixture.get("/api/patients", null).statusCode()).as("no token").isEqualTo(401);
        String doctorToken = fixture.signIn(DOCTOR);
        String forged = doctorToken.substring(0, doctorToken.lastIndexOf('.') + 1) + "AAAA";
        assertThat(fixture.get("/api/patients", forged).statusCode()).as("a token with a forged signature").isEqualTo(401);

        HttpResponse<String> nurse = fixture.get("/api/patients", fixture.signIn(ICU_NURSE));
        assertThat(nurse.statusCode()).isEqualTo(200);
        assertThat(patientsOf(JSON.readTree(nurse.body()))).as("the ICU nurse's patients").containsExactly(ICU_PATIENT);

        HttpResponse<String> doctor = fixture.get("/api/patients", doctorToken);
        assertThat(patientsOf(JSON.readTree(doctor.body()))).as("the doctor's patients")
                .containsExactlyInAnyOrder(ICU_PATIENT, CARDIOLOGY_PATIENT);
    }

    private static String readingFor(String patient) {
        return "{\"patient\":\"" + patient + "\",\"heartRate\":72,\"spo2\":97,\"temperature\":37.0,"
                + "\"systolic\":120,\"diastolic\":80,\"respiratoryRate\":16}";
    }

    @Test
    void aReadingIsTakenFromADoctorAndFromANurseOnlyForHerWard() throws Exception {
        fixture = new SecureFixture(SecuritySettings.forTests(dataDir), SecureFixture.QUIET);
        String nurse = fixture.signIn(ICU_NURSE);

        assertThat(fixture.post("/api/readings", readingFor(ICU_PATIENT), nurse).statusCode()).as("the nurse, her ward").isEqualTo(202);
        HttpResponse<String> otherWard = fixture.post("/api/readings", readingFor(CARDIOLOGY_PATIENT), nurse);
        assertThat(otherWard.statusCode()).as("the nurse, another ward: %s", otherWard.body()).isEqualTo(403);
        assertThat(fixture.post("/api/readings", readingFor(CARDIOLOGY_PATIENT), fixture.signIn(DOCTOR)).statusCode())
                .as("the doctor").isEqualTo(202);
        assertThat(fixture.post("/api/readings", readingFor(ICU_PATIENT), fixture.signIn(ADMIN)).statusCode())
                .as("the admin").isEqualTo(403);
        assertThat(fixture.post("/api/readings", readingFor(ICU_PATIENT), null).statusCode()).as("no token").isEqualTo(401);
        assertThat(fixture.server.audit().recent(50)).as("the audit trail")
                .anySatisfy(record -> assertThat(record.patient()).isEqualTo(CARDIOLOGY_PATIENT));
    }
}
