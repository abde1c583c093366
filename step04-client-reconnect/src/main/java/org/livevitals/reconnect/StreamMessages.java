package org.livevitals.reconnect;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;
import org.livevitals.broadcast.DashboardMessages;
import org.livevitals.rawsockets.VitalSigns;
import tools.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.annotation.JsonRawValue;

/**
 * The messages Lab 4 adds to the dashboard stream (the reference is {@code labs/protocol.md}):
 *
 * <pre>
 * {"type":"snapshot","epoch":"9f2c...","seq":41,"staleAfterMs":6000,"heartbeatMs":5000,"readings":[...]}
 * {"type":"recovery","recovered":true,"epoch":"9f2c...","seq":57,"staleAfterMs":6000,"heartbeatMs":5000,"missed":[...]}
 * {"type":"recovery","recovered":false,"reason":"..."}   (a snapshot follows)
 * {"type":"heartbeat"}
 * </pre>
 *
 * <p>Readings are Lab 3's, with their sequence number added ({@link SequenceStamp}). The first message
 * of every connection tells the client where the stream stands (epoch and seq) and the heartbeat
 * interval, from which it knows how long a silence means a dead connection.
 */
public final class StreamMessages {

    public record Snapshot(String type, String epoch, long seq, long staleAfterMs, long heartbeatMs,
            List<DashboardMessages.Reading> readings) {}

    /** {@code missed} is the readings' JSON as it was sent the first time, put in as it is. */
    public record Recovered(String type, boolean recovered, String epoch, long seq, long staleAfterMs,
            long heartbeatMs, @JsonRawValue String missed) {}

    public record NotRecovered(String type, boolean recovered, String reason) {}

    /** The one heartbeat text, encoded once for every beat and every dashboard. */
    public static final String HEARTBEAT = "{\"type\":\"heartbeat\"}";

    private final JsonMapper json = JsonMapper.builder().build();
    private final long staleAfterMs;
    private final long heartbeatMs;

    public StreamMessages(Duration staleAfter, Duration heartbeatInterval) {
        this.staleAfterMs = staleAfter.toMillis();
        this.heartbeatMs = heartbeatInterval.toMillis();
    }

    public String snapshot(String epoch, long seq, Collection<VitalSigns> latest) {
        return json.writeValueAsString(new Snapshot("snapshot", epoch, seq, staleAfterMs, heartbeatMs,
                DashboardMessages.readings(latest)));
    }

    public String recovered(String epoch, long seq, List<StreamHistory.Numbered> missed) {
        String readings = missed.stream().map(StreamHistory.Numbered::json).collect(Collectors.joining(",", "[", "]"));
        return json.writeValueAsString(new Recovered("recovery", true, epoch, seq, staleAfterMs, heartbeatMs, readings));
    }

    public String notRecovered(String reason) {
        return json.writeValueAsString(new NotRecovered("recovery", false, reason));
    }
}
