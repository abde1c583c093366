package org.livevitals.scaling;

import io.lettuce.core.KillArgs;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.livevitals.broadcast.MonitorSettings;
import org.livevitals.rawsockets.VitalSigns;
import org.livevitals.reconnect.ResumeSettings;
import org.livevitals.security.ClinicalSettings;
import org.livevitals.security.SecuritySettings;
import org.livevitals.security.SigningKey;

/**
 * A cluster for a test: an embedded Redis and nodes in this JVM, on ephemeral ports, sharing one
 * signing key (a token from one node is good on every node) and each keeping its own audit trail.
 * Closes everything it started.
 */
final class Cluster implements AutoCloseable {

    static final Duration PATIENCE = Duration.ofSeconds(15);
    /** Heartbeats a minute apart: for scenarios that read the stream message by message. */
    static final ResumeSettings QUIET = ResumeSettings.withHeartbeat(ResumeSettings.DEFAULT_HISTORY_SIZE, Duration.ofMinutes(1));
    static final MonitorSettings NEVER_STALE = MonitorSettings.forTests().withStaleAfter(Duration.ofMinutes(10));

    /** On the ICU and on cardiology (Lab 5's Wards.ofSimulatedPatients). */
    static final String ICU_PATIENT = "P001";
    static final String CARDIOLOGY_PATIENT = "P002";
    static final String OTHER_ICU_PATIENT = "P003";

    final EmbeddedRedis redis;
    private final Path dataDir;
    private final Path signingKey;
    private final List<ScalingServer> nodes = new ArrayList<>();
    private RedisClient operatorClient;
    private StatefulRedisConnection<String, String> operator;

    Cluster(Path dataDir) throws Exception {
        this.dataDir = dataDir;
        this.signingKey = SigningKey.development(dataDir.resolve("shared")).file();
        this.redis = EmbeddedRedis.startOnFreePort();
    }

    /** Starts a node on this cluster's Redis. */
    ScalingServer node(String id) throws Exception {
        return node(id, NEVER_STALE, QUIET);
    }

    /** Starts a node whose time is {@code clock}'s: a rule about time is tested in an instant. */
    ScalingServer node(String id, Clock clock) throws Exception {
        return node(id, NEVER_STALE, QUIET, clock);
    }

    ScalingServer node(String id, MonitorSettings monitor, ResumeSettings resume) throws Exception {
        return node(id, monitor, resume, Clock.systemUTC());
    }

    private ScalingServer node(String id, MonitorSettings monitor, ResumeSettings resume, Clock clock) throws Exception {
        ScalingServer node = ScalingServer.newServer(monitor, resume, security(id), ClinicalSettings.DEFAULTS,
                ScalingSettings.onRedis(id, redis.uri()), clock).start();
        nodes.add(node);
        return node;
    }

    /** What a node started by hand or as a child JVM needs to join: its own data directory, the shared key. */
    SecuritySettings security(String id) {
        return SecuritySettings.forTests(dataDir.resolve(id)).withSigningKey(signingKey);
    }

    Path signingKey() {
        return signingKey;
    }

    Path dataDir(String id) {
        return dataDir.resolve(id);
    }

    /** Cuts every node's pub/sub connection ({@code CLIENT KILL TYPE pubsub}), as Redis does to a slow subscriber. */
    void cutSubscriptions() {
        redisCli().clientKill(KillArgs.Builder.typePubsub());
    }

    /** Redis as an operator's {@code redis-cli} sees it: to look at what the cluster keeps there. */
    synchronized RedisCommands<String, String> redisCli() {
        if (operator == null) {
            operatorClient = RedisClient.create(redis.uri());
            operator = operatorClient.connect();
        }
        return operator.sync();
    }

    /** A reading with every vital normal (no alert) but the pulse. */
    static VitalSigns reading(String patient, int pulse) {
        return reading(patient, pulse, Instant.now());
    }

    /** The same, taken at {@code takenAt}. */
    static VitalSigns reading(String patient, int pulse, Instant takenAt) {
        return new VitalSigns(patient, takenAt, pulse, 97, 37.0, 120, 80, 16);
    }

    /** As if a device on {@code node} had sent it. */
    static void publish(ScalingServer node, VitalSigns reading) {
        node.secure().monitor().stream().onReading(reading);
    }

    @Override
    public void close() throws Exception {
        Exception first = null;
        for (ScalingServer node : nodes) {
            try {
                node.close();
            } catch (Exception e) {
                first = first == null ? e : first;
            }
        }
        if (operator != null) {
            operator.close();
            operatorClient.shutdown();
        }
        redis.close();
        if (first != null) {
            throw first;
        }
    }
}
