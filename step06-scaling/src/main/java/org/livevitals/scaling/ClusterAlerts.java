package org.livevitals.scaling;

import io.lettuce.core.api.sync.RedisCommands;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.eclipse.jetty.websocket.api.Session;
import org.livevitals.reconnect.Audience;
import org.livevitals.reconnect.OpeningState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The alerts active anywhere in the cluster, for the list a dashboard is sent when it opens.
 *
 * <p>Each node's alert center knows only the alerts it raised. The publish script keeps every active
 * alert of the cluster in one Redis hash ({@code livevitals:alerts}: id to patient and message), so a
 * dashboard that opens on node b is told of the alarm raised on node a. If Redis cannot be asked, the
 * node's own alerts are better than none.
 */
final class ClusterAlerts implements OpeningState {

    private static final Logger log = LoggerFactory.getLogger(ClusterAlerts.class);

    private final RedisCommands<String, String> redis;
    private final Audience audience;
    private final OpeningState local;

    ClusterAlerts(RedisCommands<String, String> redis, Audience audience, OpeningState local) {
        this.redis = redis;
        this.audience = audience;
        this.local = local;
    }

    @Override
    public Optional<String> messageFor(Session session) {
        Map<String, String> active;
        try {
            active = new TreeMap<>(redis.hgetall(RedisKeys.ALERTS)); // in the order of their ids
        } catch (RuntimeException redisAway) {
            log.warn("the cluster's alerts cannot be read ({}): sending this node's own", redisAway.getMessage());
            return local.messageFor(session);
        }
        String visible = active.values().stream()
                .map(entry -> entry.split("\n", 2))
                .filter(entry -> entry.length == 2 && audience.maySee(session, entry[0]))
                .map(entry -> entry[1])
                .collect(Collectors.joining(",", "[", "]"));
        return Optional.of("{\"type\":\"alerts\",\"active\":" + visible + "}");
    }

    /** A node starting again forgets what it held in its last life: those alerts died with it. */
    static void forgetAlertsOf(RedisCommands<String, String> redis, String nodeId) {
        String[] stale = redis.hkeys(RedisKeys.ALERTS).stream()
                .filter(id -> ClusterAlertDesk.nodeOf(id).filter(nodeId::equals).isPresent())
                .toArray(String[]::new);
        if (stale.length > 0) {
            redis.hdel(RedisKeys.ALERTS, stale);
        }
    }
}
