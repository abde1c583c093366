package org.livevitals.security;

import java.util.function.Function;
import org.livevitals.rawsockets.VitalSigns;
import org.livevitals.security.alerts.AlertMessages;
import org.livevitals.security.alerts.News2;

/**
 * Lab 5's readings carry their NEWS2 score, so every tile can show it:
 * {@code {"type":"reading",...,"news2":{"score":5,"risk":"medium"}}}.
 *
 * <p>The score is worked out once per reading, as the reading is serialized once, and written into
 * that one text, before its sequence number: the dashboards do not each compute it, and none can
 * disagree with the server's alerts.
 */
final class News2Readings {

    private News2Readings() {}

    static Function<VitalSigns, String> withNews2(Function<VitalSigns, String> readingJson) {
        AlertMessages messages = new AlertMessages();
        return reading -> {
            String json = readingJson.apply(reading);
            if (!json.endsWith("}")) {
                throw new IllegalArgumentException("a reading's JSON must be an object: " + json);
            }
            return json.substring(0, json.length() - 1) + ",\"news2\":" + messages.news2(News2.score(reading)) + "}";
        };
    }
}
