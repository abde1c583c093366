package org.livevitals.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.livevitals.security.SecureFixture.ADMIN;
import static org.livevitals.security.SecureFixture.CARDIOLOGY_PATIENT;
import static org.livevitals.security.SecureFixture.DOCTOR;
import static org.livevitals.security.SecureFixture.ICU_NURSE;
import static org.livevitals.security.SecureFixture.ICU_PATIENT;
import static org.livevitals.security.SecureFixture.JSON;
import static org.livevitals.security.SecureFixture.withSpo2;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livevitals.broadcast.MonitorSettings;
import org.livevitals.broadcast.QueryParameters;
import org.livevitals.testkit.Scenario;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/alerts}: the active alerts and their recent history, by the stream's rules. */
class AlertsApiTest {

    @TempDir
    Path dataDir;
    private SecureFixture fixture;

    @AfterEach
    void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static List<String> patients(JsonNode alerts) {
        List<String> patients = new ArrayList<>();
        alerts.forEach(alert -> patients.add(alert.path("patient").asString()));
        return patients;
    }

    private JsonNode alerts(String query, String token) throws Exception {
        HttpResponse<String> answer = fixture.get("/api/alerts" + query, token);
        assertThat(answer.statusCode()).as("GET /api/alerts%s: %s", query, answer.body()).isEqualTo(200);
        return JSON.readTree(answer.body());
    }

    @Test
    @Scenario("L5-37")
    void theAlertsApiAnswersEachCallerWithTheAlertsOfHerPatients() throws Exception {
        fixture = new SecureFixture(MonitorSettings.forTests().withStaleAfter(Duration.ofMinutes(10)),
                SecuritySettings.forTests(dataDir), SecureFixture.QUIET, ClinicalSettings.DEFAULTS);
        Instant start = Instant.now();
        fixture.publish(withSpo2(ICU_PATIENT, 88));
        fixture.publish(withSpo2(CARDIOLOGY_PATIENT, 89));
        int hold = ClinicalSettings.DEFAULTS.alerts().clearAfterReadings();
        for (int normal = 0; normal < hold; normal++) {
            fixture.publish(withSpo2(CARDIOLOGY_PATIENT, 97)); // the cardiology alert clears
        }
        String doctor = fixture.signIn(DOCTOR);
        String nurse = fixture.signIn(ICU_NURSE);

        JsonNode all = alerts("", doctor);
        assertThat(patients(all.path("active"))).as("the doctor's active alerts (SpO2's and NEWS2's)").containsOnly(ICU_PATIENT);
        assertThat(patients(all.path("recent"))).as("the doctor's recent changes, newest first")
                .startsWith(CARDIOLOGY_PATIENT).contains(ICU_PATIENT);
        assertThat(all.path("recent").get(0).path("state").asString()).isEqualTo("cleared");

        JsonNode hers = alerts("", nurse);
        assertThat(patients(hers.path("active"))).as("the ICU nurse's active alerts").containsOnly(ICU_PATIENT);
        assertThat(patients(hers.path("recent"))).as("the ICU nurse's recent changes").containsOnly(ICU_PATIENT);

        assertThat(patients(alerts("?patient=" + CARDIOLOGY_PATIENT, nurse).path("recent"))).as("another ward's patient, asked by name").isEmpty();
        assertThat(patients(alerts("?patient=" + CARDIOLOGY_PATIENT, doctor).path("recent"))).containsOnly(CARDIOLOGY_PATIENT);
        assertThat(alerts("?since=" + Instant.now().plusSeconds(60), doctor).path("recent")).as("since a time to come").isEmpty();
        assertThat(alerts("?since=" + start.minusSeconds(1) + "&limit=1", doctor).path("recent")).as("limit=1").hasSize(1);

        assertThat(fixture.get("/api/alerts", fixture.signIn(ADMIN)).statusCode()).as("an admin").isEqualTo(403);
        assertThat(fixture.get("/api/alerts", null).statusCode()).as("no token").isEqualTo(401);
        for (String bad : List.of("?limit=0", "?limit=100000", "?since=yesterday", "?patient=%3Cscript%3E")) {
            HttpResponse<String> answer = fixture.get("/api/alerts" + bad, doctor);
            assertThat(answer.statusCode()).as("GET /api/alerts%s: %s", bad, answer.body()).isEqualTo(400);
            assertThat(JSON.readTree(answer.body()).path("reason").asString()).isNotBlank();
        }
        // Queries that are not percent-encoded UTF-8: the API's own JSON error, not Jetty's page.
        for (String unreadable : List.of("?limit=%zz", "?since=%", "?patient=%ff")) {
            fixture.getAsWritten("/api/alerts" + unreadable, doctor).assertJsonError(400, QueryParameters.UNREADABLE);
        }
    }
}
