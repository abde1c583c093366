package org.livevitals.scaling;

import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;
import org.livevitals.broadcast.DashboardMessages;
import org.livevitals.broadcast.LatestReadings;
import org.livevitals.broadcast.MonitorSettings;
import org.livevitals.echo.WebSocketServer;
import org.livevitals.rawsockets.VitalSigns;
import org.livevitals.reconnect.OpeningState;
import org.livevitals.reconnect.ResumableStream;
import org.livevitals.reconnect.ResumeSettings;
import org.livevitals.reconnect.StreamHistory;
import org.livevitals.reconnect.StreamPublisher;
import org.livevitals.scaling.ops.HealthApi;
import org.livevitals.scaling.ops.MetricsApi;
import org.livevitals.scaling.ops.NodeDirectory;
import org.livevitals.scaling.ops.NodeMetrics;
import org.livevitals.scaling.ops.NodeReporter;
import org.livevitals.scaling.ops.NodesApi;
import org.livevitals.scaling.record.HistoryApi;
import org.livevitals.scaling.record.RecordAlertsApi;
import org.livevitals.scaling.record.RecordAuditApi;
import org.livevitals.scaling.record.RecordMetrics;
import org.livevitals.scaling.record.RecordStore;
import org.livevitals.scaling.record.RecordingPublisher;
import org.livevitals.security.Access;
import org.livevitals.security.AlertDesk;
import org.livevitals.security.AuditTrail;
import org.livevitals.security.Bedside;
import org.livevitals.security.ClinicalSettings;
import org.livevitals.security.Deployment;
import org.livevitals.security.SecureServer;
import org.livevitals.security.SecuritySettings;
import org.livevitals.security.TicketLedger;
import org.livevitals.security.Tokens;
import org.livevitals.security.Wards;
import org.livevitals.security.alerts.Alert;

/**
 * The Lab 6 server: one node of a cluster. It is Lab 5's server, whose stream goes through a backplane.
 *
 * <pre>
 *               nginx (any node will do: no sticky sessions)
 *              /                  \
 *        node n1                  node n2          each: Lab 5's server (sign-in, roles, alerts, audit)
 *   devices, dashboards      devices, dashboards
 *              \                  /
 *        Redis: publish.lua numbers each message once, ward topics carry it live,
 *               the stream keeps the history any node can replay
 * </pre>
 *
 * <p>With the in-memory backplane (no {@code --redis}) it is a cluster of one: Lab 5 exactly, plus
 * {@code /health} and {@code /metrics}.
 */
public final class ScalingServer implements AutoCloseable {

    private final ScalingSettings scaling;
    private final SecuritySettings security;
    private final RecordStore record;
    private final Backplane backplane;
    private final SecureServer secure;
    private final Clock clock;
    private final NodeMetrics metrics = new NodeMetrics(this::sessionCount);
    private final NodeDirectory directory;
    private volatile NodeReporter reporter;

    private ScalingServer(MonitorSettings settings, ResumeSettings resume, SecuritySettings security,
            ClinicalSettings clinical, ScalingSettings scaling, Clock clock, Function<VitalSigns, String> readingJson)
            throws IOException {
        this.scaling = scaling;
        this.security = security;
        this.clock = clock;
        this.backplane = scaling.clustered() ? RedisBackplane.connect(scaling.redisUri(), scaling.nodeId(), clock) : new InMemoryBackplane();
        try {
            this.record = scaling.record() == null ? null : RecordStore.open(scaling.record(), scaling.nodeId(), clock);
        } catch (IOException | RuntimeException e) {
            backplane.close();
            throw e;
        }
        this.directory = backplane.nodeDirectory(clock);
        try {
            this.secure = SecureServer.newServer(settings, resume, security, clinical, clock, readingJson, new Node());
            backplane.attach(secure);
            secure.monitor().sessions().onEvicted(metrics::evicted);
            secure.monitor().broadcaster().onDelivered(session -> metrics.delivered(1));
            if (backplane instanceof RedisBackplane redis) {
                redis.onDelivery(new RedisBackplane.DeliveryListener() {
                    @Override
                    public void delivered(Duration lag) {
                        metrics.backplaneLag(lag);
                    }

                    @Override
                    public void dropped() {
                        metrics.dropped();
                    }
                });
            }
            if (record != null) {
                RecordMetrics.bind(metrics.registry(), record);
            }
        } catch (IOException | RuntimeException e) {
            backplane.close();
            closeRecord();
            throw e;
        }
    }

    public static ScalingServer newServer(MonitorSettings settings, ResumeSettings resume, SecuritySettings security,
            ClinicalSettings clinical, ScalingSettings scaling, Clock clock) throws IOException {
        return newServer(settings, resume, security, clinical, scaling, clock, new DashboardMessages()::reading);
    }

    /** @param readingJson a reading's JSON before its NEWS2 score and number: the load test stamps its timing in it */
    public static ScalingServer newServer(MonitorSettings settings, ResumeSettings resume, SecuritySettings security,
            ClinicalSettings clinical, ScalingSettings scaling, Clock clock, Function<VitalSigns, String> readingJson)
            throws IOException {
        return new ScalingServer(settings, resume, security, clinical, scaling, clock, readingJson);
    }

    /** What makes Lab 5's server a node: its history, its publishing and its ward topics are the backplane's. */
    private final class Node implements Deployment {

        @Override
        public StreamHistory history(ResumeSettings resume) {
            return backplane.history(resume);
        }

        @Override
        public StreamPublisher publisher(ResumableStream stream, Function<VitalSigns, String> readingJson) {
            stream.onResumed(metrics::resumed);
            StreamPublisher live = backplane.publisher(stream, readingJson);
            return record == null ? live : new RecordingPublisher(live, record.writer());
        }

        @Override
        public void alertChanged(Alert alert) {
            if (record != null) {
                record.writer().alertChanged(alert);
            }
        }

        @Override
        public void admitted(Access access) {
            backplane.admitted(access);
        }

        @Override
        public void left(Access access) {
            backplane.left(access);
        }

        @Override
        public String alertIdPrefix() {
            return backplane.alertIdPrefix();
        }

        @Override
        public AlertDesk alertDesk(AlertDesk local) {
            return backplane.alertDesk(local);
        }

        @Override
        public Bedside bedside(Bedside local) {
            return backplane.bedside(local);
        }

        @Override
        public OpeningState opening(OpeningState local) {
            return backplane.opening(local);
        }

        @Override
        public TicketLedger ticketLedger(TicketLedger local) {
            return backplane.ticketLedger(local);
        }

        @Override
        public Supplier<Collection<VitalSigns>> latestReadings(LatestReadings local) {
            return backplane.latestReadings(local);
        }

        @Override
        public List<String> pages() {
            return List.of("webroot/scaling/");
        }

        @Override
        public void extend(WebSocketServer.Builder web, Tokens tokens, AuditTrail audit, Wards wards) {
            web.route(HealthApi.PATH, new HealthApi(scaling.nodeId(), backplane.kind(), ScalingServer.this::sessionCount,
                            backplane::connected, backplane::problem))
                    .route(MetricsApi.PATH, new MetricsApi(metrics))
                    .route(NodesApi.PATH, new NodesApi(tokens, audit, directory, clock));
            if (record != null) { // the record answers for every node: these replace Lab 5's per-server answers
                RecordAuditApi auditApi = new RecordAuditApi(tokens, audit, record.audit());
                web.route(HistoryApi.PATH, new HistoryApi(tokens, audit, record.history(), wards, clock))
                        .route(RecordAlertsApi.PATH, new RecordAlertsApi(tokens, audit, record.alerts()))
                        .route(RecordAuditApi.PATH, auditApi)
                        .route(RecordAuditApi.VERIFY_PATH, auditApi);
            }
        }
    }

    public ScalingServer start() throws Exception {
        try {
            if (record != null) {
                record.start(secure.wards(), security.auditFile());
            }
            secure.start();
        } catch (Exception e) {
            close(); // an embedded PostgreSQL must not outlive a node that could not start
            throw e;
        }
        reporter = new NodeReporter(nodeId(), httpUri().toString(), metrics, directory, clock).start();
        return this;
    }

    public String nodeId() {
        return scaling.nodeId();
    }

    /** What this node counts, for {@code /metrics}. */
    public NodeMetrics metrics() {
        return metrics;
    }

    private int sessionCount() {
        return secure.monitor().sessions().size();
    }

    /** The long-term record, when this node keeps one. */
    public Optional<RecordStore> record() {
        return Optional.ofNullable(record);
    }

    public Backplane backplane() {
        return backplane;
    }

    /** Lab 5's server inside: sessions, alerts, tokens, audit, the monitor. */
    public SecureServer secure() {
        return secure;
    }

    public int port() {
        return secure.port();
    }

    public int devicePort() {
        return secure.monitor().devicePort();
    }

    public URI httpUri() {
        return secure.httpUri();
    }

    public URI webSocketUri() {
        return secure.webSocketUri();
    }

    @Override
    public void close() throws Exception {
        try {
            if (reporter != null) {
                reporter.close();
            }
            secure.close();
        } finally {
            try {
                backplane.close();
            } finally {
                closeRecord(); // last: the sessions' last audit records are copied before the database closes
            }
        }
    }

    private void closeRecord() {
        if (record != null) {
            record.close();
        }
    }
}
