package org.livevitals.scaling.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import org.junit.jupiter.api.Test;
import org.livevitals.scaling.ScalingServer;
import org.livevitals.security.Wards;
import tools.jackson.databind.JsonNode;

/**
 * A patient who moved wards: a nurse reads only the rows taken while the patient was on one of her
 * wards, a doctor reads them all. (L6-23 checks the ward of today; this checks the rows of yesterday.)
 */
class HistoryWardRowsTest extends RecordScenario {

    @Test
    void aNurseReadsOnlyTheRowsTakenWhileThePatientWasOnHerWard() throws Exception {
        ScalingServer node = nodes.node("n1", db);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        try (Connection connection = TestDatabase.superuser(db);
                PreparedStatement insert = connection.prepareStatement("""
                        INSERT INTO readings (patient_id, taken_at, ward, node_id, heart_rate, spo2, temperature,
                                              systolic, diastolic, respiratory_rate)
                        VALUES (?, ?, ?, 'n1', ?, 97, 37.0, 120, 80, 16)""")) {
            for (int minute = 10; minute >= 1; minute--) { // on cardiology first, then moved to the ICU
                insert.setString(1, RecordNodes.ICU_PATIENT);
                insert.setObject(2, OffsetDateTime.ofInstant(now.minus(minute, ChronoUnit.MINUTES), ZoneOffset.UTC));
                insert.setString(3, minute > 5 ? Wards.CARDIOLOGY : Wards.ICU);
                insert.setInt(4, minute > 5 ? 100 : 60);
                insert.addBatch();
            }
            insert.executeBatch();
        }
        String range = "/api/patients/" + RecordNodes.ICU_PATIENT + "/history?from=" + now.minus(11, ChronoUnit.MINUTES) + "&to=" + now;

        JsonNode asIcuNurse = nodes.getJson(node, range, nodes.signIn(node, RecordNodes.ICU_NURSE));
        JsonNode asDoctor = nodes.getJson(node, range, nodes.signIn(node, RecordNodes.DOCTOR));

        assertThat(asIcuNurse.path("points").findValuesAsString("heartRate")).as("the ICU nurse's rows: %s", asIcuNurse)
                .containsOnly("60").hasSize(5);
        assertThat(asDoctor.path("points").size()).as("the doctor's rows: %s", asDoctor).isEqualTo(10);
    }
}
