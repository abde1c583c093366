package org.livevitals.security.alerts;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.livevitals.broadcast.DashboardMessages;
import tools.jackson.databind.json.JsonMapper;

/**
 * The JSON of alerts, for the dashboards' stream and the API (the reference is {@code labs/protocol.md}):
 *
 * <pre>
 * {"type":"alert","id":"A7","patient":"P001","kind":"clinical","source":"SpO2","priority":"high",
 *  "state":"unacknowledged","event":"raised","text":"SpO2 88 % is below the critical limit 90 %",
 *  "raisedAt":"2026-11-30T10:15:30Z","updatedAt":"2026-11-30T10:15:30Z","reading":{...Lab 3's reading...},
 *  "news2":null,"acknowledgedBy":null,"acknowledgedAt":null,"silencedUntil":null,"clearedAt":null,"announcements":1}
 * {"type":"alerts","active":[ ...alert objects... ]}
 * </pre>
 *
 * <p>An alert is flat and whole: every field is there on every change, null when it does not apply,
 * so a page replaces what it had instead of merging. The reading is Lab 3's reading object, the same
 * a tile draws.
 */
public final class AlertMessages {

    /** A NEWS2 score with its parts, as an alert carries it. */
    record News2Json(int score, String risk, Map<String, Integer> parts) {}

    /** A NEWS2 score alone, as every reading carries it. */
    record News2Brief(int score, String risk) {}

    record AlertJson(String type, String id, String patient, String kind, String source, String priority,
            String state, String event, String text, Instant raisedAt, Instant updatedAt,
            DashboardMessages.Reading reading, News2Json news2, String acknowledgedBy, Instant acknowledgedAt,
            Instant silencedUntil, Instant clearedAt, int announcements) {

        static AlertJson of(Alert alert) {
            return new AlertJson("alert", alert.id(), alert.patient(), alert.kind().wireName(), alert.source(),
                    alert.priority().wireName(), alert.state().wireName(), alert.event().wireName(), alert.text(),
                    alert.raisedAt(), alert.updatedAt(),
                    alert.reading() == null ? null : DashboardMessages.Reading.of(alert.reading()),
                    alert.news2() == null ? null
                            : new News2Json(alert.news2().total(), alert.news2().risk().wireName(), alert.news2().parts()),
                    alert.acknowledgedBy(), alert.acknowledgedAt(), alert.silencedUntil(), alert.clearedAt(),
                    alert.announcements());
        }
    }

    record ActiveList(String type, List<AlertJson> active) {}

    record AlertsAnswer(List<AlertJson> active, List<AlertJson> recent) {}

    private final JsonMapper json = JsonMapper.builder().build();

    /** One alert as it stands after a change. */
    public String alert(Alert alert) {
        return json.writeValueAsString(AlertJson.of(alert));
    }

    /** The active alerts a dashboard may see, sent when it opens: it replaces the page's set. */
    public String activeList(List<Alert> active) {
        return json.writeValueAsString(new ActiveList("alerts", objects(active)));
    }

    /** A reading's score, {@code {"score":5,"risk":"medium"}}, for the server to splice into the reading. */
    public String news2(News2.Score score) {
        return json.writeValueAsString(new News2Brief(score.total(), score.risk().wireName()));
    }

    /** The answer of {@code GET /api/alerts}: the active alerts and the recent changes. */
    public String alertsAnswer(List<Alert> active, List<Alert> recent) {
        return json.writeValueAsString(new AlertsAnswer(objects(active), objects(recent)));
    }

    private static List<AlertJson> objects(List<Alert> alerts) {
        return alerts.stream().map(AlertJson::of).toList();
    }
}
