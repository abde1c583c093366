package org.livevitals.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.livevitals.security.SecureFixture.DOCTOR;
import static org.livevitals.security.SecureFixture.ICU_NURSE;
import static org.livevitals.security.SecureFixture.ICU_PATIENT;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livevitals.broadcast.MonitorSettings;
import org.livevitals.rawsockets.DeviceSimulator;
import org.livevitals.rawsockets.VitalsGenerator;
import org.livevitals.testkit.Scenario;
import tools.jackson.databind.JsonNode;

/** Lab 5's commands, from a clinician's dashboard to a patient's device over TCP, and the answer back. */
class CommandsTest {

    /** Long enough that a simulated device sends its first reading and then only what it is asked for. */
    private static final Duration RARELY = Duration.ofHours(1);
    /** A device that never answers is given this long. */
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(500);
    private static final MonitorSettings NEVER_STALE = MonitorSettings.forTests().withStaleAfter(Duration.ofMinutes(10));

    @TempDir
    Path dataDir;
    private SecureFixture fixture;

    @AfterEach
    void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    private void start(Duration commandTimeout) throws Exception {
        fixture = new SecureFixture(NEVER_STALE, SecuritySettings.forTests(dataDir), SecureFixture.QUIET,
                ClinicalSettings.DEFAULTS.withCommandTimeout(commandTimeout));
    }

    private static String command(String requestId, String patient, String command) {
        return "{\"type\":\"command\",\"requestId\":\"" + requestId + "\",\"patient\":\"" + patient
                + "\",\"command\":\"" + command + "\"}";
    }

    private static JsonNode result(SecureFixture.Dashboard dashboard, String requestId) {
        JsonNode message = dashboard.nextNonHeartbeat();
        while (!"command-result".equals(message.path("type").asString())) {
            message = dashboard.nextNonHeartbeat();
        }
        assertThat(message.path("requestId").asString()).as("%s", message).isEqualTo(requestId);
        return message;
    }

    private void assertAudited(String user, String outcome) {
        assertThat(fixture.server.audit().recent(30)).as("the audit trail").anySatisfy(record -> {
            assertThat(record.action()).isEqualTo(AuditEvent.COMMAND);
            assertThat(record.user()).isEqualTo(user);
            assertThat(record.patient()).isEqualTo(ICU_PATIENT);
            assertThat(record.outcome()).contains(outcome);
        });
    }

    @Test
    @Scenario("L5-38")
    void aRequestForAReadingReachesTheDeviceAndTheFreshReadingReachesTheDashboard() throws Exception {
        start(ClinicalSettings.DEFAULTS.commandTimeout());
        SecureFixture.Dashboard doctor = fixture.openDashboard(DOCTOR);
        SecureFixture.Dashboard icuNurse = fixture.openDashboard(ICU_NURSE);
        try (DeviceSimulator device = new DeviceSimulator("localhost", fixture.server.monitor().devicePort(),
                new VitalsGenerator(ICU_PATIENT, new Random(), java.time.Clock.systemUTC()), RARELY, RARELY).start()) {
            assertThat(doctor.nextNonHeartbeat().path("patient").asString()).as("the device's first reading").isEqualTo(ICU_PATIENT);
            icuNurse.nextNonHeartbeat();
            AlertsTest.awaitDevice(fixture, ICU_PATIENT);

            doctor.send(command("r1", ICU_PATIENT, "request-reading"));
            JsonNode fresh = doctor.nextNonHeartbeat();
            assertThat(fresh.path("type").asString()).as("the fresh reading comes first: %s", fresh).isEqualTo("reading");
            assertThat(fresh.path("patient").asString()).isEqualTo(ICU_PATIENT);
            JsonNode done = result(doctor, "r1");
            assertThat(done.path("outcome").asString()).as("%s", done).isEqualTo("done");
            assertThat(done.path("command").asString()).isEqualTo("request-reading");
            assertThat(icuNurse.nextNonHeartbeat().path("seq").asLong()).as("the nurse sees the fresh reading too")
                    .isEqualTo(fresh.path("seq").asLong());
            assertThat(icuNurse.alertsSoFar()).isEmpty();

            icuNurse.send(command("n1", ICU_PATIENT, "request-reading"));
            assertThat(result(icuNurse, "n1").path("outcome").asString()).as("a nurse, for her ward").isEqualTo("done");
        }
        assertAudited(DOCTOR.name(), "request-reading: done");
    }

    @Test
    @Scenario("L5-39")
    void aResetFromANurseIsRefusedAndAuditedAndNeverReachesTheDevice() throws Exception {
        start(ClinicalSettings.DEFAULTS.commandTimeout());
        SecureFixture.Dashboard icuNurse = fixture.openDashboard(ICU_NURSE);
        SecureFixture.Dashboard doctor = fixture.openDashboard(DOCTOR);
        try (FakeDevice device = new FakeDevice(fixture.server.monitor().devicePort(), ICU_PATIENT)) {
            AlertsTest.awaitDevice(fixture, ICU_PATIENT);
            icuNurse.send(command("n1", ICU_PATIENT, "reset"));
            JsonNode refused = result(icuNurse, "n1");
            assertThat(refused.path("outcome").asString()).as("%s", refused).isEqualTo("refused");
            assertThat(refused.path("detail").asString()).contains("reset");
            assertAudited(ICU_NURSE.name(), "refused");

            doctor.send(command("d1", ICU_PATIENT, "reset"));
            assertThat(device.nextLine()).as("the first command the device hears is the doctor's")
                    .matches("CMD \\S+ reset");
        }
    }

    @Test
    @Scenario("L5-40")
    void aCommandToAPatientWithNoConnectedDeviceIsAnsweredOfflineAtOnce() throws Exception {
        start(ClinicalSettings.DEFAULTS.commandTimeout());
        SecureFixture.Dashboard doctor = fixture.openDashboard(DOCTOR);
        fixture.publish(AlertsTest.normal(ICU_PATIENT)); // a patient the server knows, whose readings come over HTTP
        doctor.nextNonHeartbeat();

        doctor.send(command("r1", ICU_PATIENT, "request-reading"));
        JsonNode offline = result(doctor, "r1");
        assertThat(offline.path("outcome").asString()).as("%s", offline).isEqualTo("offline");
        assertThat(offline.path("detail").asString()).isNotBlank();
        assertAudited(DOCTOR.name(), "offline");
    }

    @Test
    @Scenario("L5-41")
    void aCommandTheDeviceNeverAnswersTimesOutWithAClearError() throws Exception {
        start(SHORT_TIMEOUT);
        SecureFixture.Dashboard doctor = fixture.openDashboard(DOCTOR);
        try (FakeDevice silent = new FakeDevice(fixture.server.monitor().devicePort(), ICU_PATIENT)) {
            AlertsTest.awaitDevice(fixture, ICU_PATIENT);
            doctor.send(command("r1", ICU_PATIENT, "request-reading"));
            assertThat(silent.nextLine()).as("what the device was sent").matches("CMD \\S+ request-reading");
            JsonNode timeout = result(doctor, "r1");
            assertThat(timeout.path("outcome").asString()).as("%s", timeout).isEqualTo("timeout");
            assertThat(timeout.path("detail").asString()).isNotBlank();
            assertAudited(DOCTOR.name(), "timeout");
        }
    }
}
