package org.livevitals.security.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.livevitals.broadcast.DashboardMessages;
import org.livevitals.rawsockets.VitalSigns;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The JSON of alerts: flat, whole, with Lab 3's reading inside and times as ISO-8601 text. */
class AlertMessagesTest {

    private static final Instant RAISED = Instant.parse("2026-11-30T10:15:30Z");
    private static final Instant ACKNOWLEDGED = Instant.parse("2026-11-30T10:16:00Z");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AlertMessages messages = new AlertMessages();
    private final VitalSigns reading = Readings.of("P001").spo2(88).at(RAISED).build();

    @Test
    void anAlertIsOneFlatObjectWithEveryFieldInOrder() {
        Alert alert = Alert.raised("A7", AlertLimits.DEFAULTS.of("SpO2").orElseThrow().assess(reading), RAISED);

        String json = messages.alert(alert);

        assertThat(json).startsWith("{\"type\":\"alert\",\"id\":\"A7\",\"patient\":\"P001\",\"kind\":\"clinical\","
                + "\"source\":\"SpO2\",\"priority\":\"high\",\"state\":\"unacknowledged\",\"event\":\"raised\","
                + "\"text\":\"SpO2 88 % is below the critical limit 90 %\",\"raisedAt\":\"2026-11-30T10:15:30Z\","
                + "\"updatedAt\":\"2026-11-30T10:15:30Z\",\"reading\":" + new DashboardMessages().reading(reading) + ",")
                .endsWith(",\"news2\":null,\"acknowledgedBy\":null,\"acknowledgedAt\":null,\"silencedUntil\":null,"
                        + "\"clearedAt\":null,\"announcements\":1}");
    }

    @Test
    void anAcknowledgedNews2AlertCarriesItsScoreAndWhoAcknowledgedIt() {
        Alert alert = Alert.raised("A8", News2.assess(reading), RAISED)
                .acknowledged("nurse.kim", ACKNOWLEDGED, ACKNOWLEDGED.plusSeconds(120));

        JsonNode json = JSON.readTree(messages.alert(alert));

        assertThat(json.get("news2").toString())
                .isEqualTo("{\"score\":3,\"risk\":\"low-medium\",\"parts\":{\"Resp\":0,\"SpO2\":3,\"Systolic\":0,\"Pulse\":0,\"Temperature\":0}}");
        assertThat(json.get("acknowledgedBy").asString()).isEqualTo("nurse.kim");
        assertThat(json.get("acknowledgedAt").asString()).isEqualTo("2026-11-30T10:16:00Z");
        assertThat(json.get("silencedUntil").asString()).isEqualTo("2026-11-30T10:18:00Z");
        assertThat(json.get("state").asString()).isEqualTo("acknowledged");
        assertThat(json.get("event").asString()).isEqualTo("acknowledged");
    }

    @Test
    void aTechnicalAlarmHasNoReading() {
        Alert alarm = Alert.technical("A9", "P001", "device disconnected", RAISED);

        JsonNode json = JSON.readTree(messages.alert(alarm));

        assertThat(json.get("kind").asString()).isEqualTo("technical");
        assertThat(json.get("source").asString()).isEqualTo("device");
        assertThat(json.get("priority").asString()).isEqualTo("medium");
        assertThat(json.get("reading").isNull()).isTrue();
    }

    @Test
    void theListsAndTheScoreHaveTheirShapes() {
        Alert alarm = Alert.technical("A9", "P001", "device disconnected", RAISED);
        String one = messages.alert(alarm);

        assertThat(messages.activeList(List.of(alarm))).isEqualTo("{\"type\":\"alerts\",\"active\":[" + one + "]}");
        assertThat(messages.activeList(List.of())).isEqualTo("{\"type\":\"alerts\",\"active\":[]}");
        assertThat(messages.alertsAnswer(List.of(alarm), List.of(alarm, alarm)))
                .isEqualTo("{\"active\":[" + one + "],\"recent\":[" + one + "," + one + "]}");
        assertThat(messages.news2(News2.score(Readings.of("P001").resp(21).spo2(94).pulse(111).build())))
                .isEqualTo("{\"score\":5,\"risk\":\"medium\"}");
    }
}
