package org.livevitals.scaling.record;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Clock;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.livevitals.security.Wards;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The long-term record: readings, alerts and the audit trail in PostgreSQL, for years, the same for
 * every node.
 *
 * <p>It opens the database (starting the embedded one when no URL is given), brings its schema up to
 * date with Flyway's versioned migrations ({@code db/migration/V1__readings.sql} ...), and runs three
 * things beside the live path: the {@link RecordWriter} (readings and alert changes, batched, from a
 * bounded queue), the {@link AuditShipper} (the audit file, copied record for record) and the
 * {@link RetentionJob}. The queries ({@link #history()}, {@link #alerts()}, {@link #audit()}) serve the
 * HTTP API.
 */
public final class RecordStore implements AutoCloseable {

    /** The role every pooled connection works as: it may append to the audit table, never change it. */
    public static final String APPLICATION_ROLE = "livevitals_app";
    /** Connections for the API's questions (history, alerts, audit). */
    static final int POOL_SIZE = 4;
    /**
     * Connections of the writer, the audit shipper and the retention job, apart from the API's: a burst
     * of history requests must never keep the writer waiting until the queue overflows.
     */
    static final int WRITERS_POOL_SIZE = 3;
    /**
     * A node starts with an empty alert center (Lab 5 keeps alerts in memory): the alerts its earlier run
     * left active will never be acknowledged or cleared by anyone, and a condition that persists is raised
     * again, under a new id, by the next readings. So they are ended, and the change says why, instead of
     * staying "active" in the record forever.
     */
    static final String END_EARLIER_ALERTS = """
            WITH ended AS (
                UPDATE alerts SET state = 'ended', updated_at = now(),
                       message = jsonb_set(jsonb_set(message::jsonb, '{state}', '"ended"'), '{event}', '"node-restarted"')::json
                 WHERE node_id = ? AND state NOT IN ('cleared', 'ended')
             RETURNING alert_id, raised_at, updated_at, priority, message)
            INSERT INTO alert_changes (alert_id, raised_at, changed_at, event, state, priority, acknowledged_by, message)
            SELECT alert_id, raised_at, updated_at, 'node-restarted', 'ended', priority, NULL, message FROM ended""";

    private static final Logger LOG = LoggerFactory.getLogger(RecordStore.class);

    private final RecordSettings settings;
    private final EmbeddedDatabase embedded;
    private final HikariDataSource pool;
    private final HikariDataSource writers;
    private final RecordWriter writer;
    private final RetentionJob retention;
    private final ReadingHistory history;
    private final StoredAlerts alerts;
    private final StoredAudit audit;
    private final String jdbcUrl;
    private final String nodeId;
    private volatile AuditShipper shipper;

    private RecordStore(RecordSettings settings, EmbeddedDatabase embedded, HikariDataSource pool,
            HikariDataSource writers, String jdbcUrl, String nodeId, Clock clock) {
        this.settings = settings;
        this.embedded = embedded;
        this.pool = pool;
        this.writers = writers;
        this.jdbcUrl = jdbcUrl;
        this.nodeId = nodeId;
        this.writer = new RecordWriter(writers, nodeId, settings, clock);
        this.retention = new RetentionJob(writers, settings.keepReadings(), clock);
        this.history = new ReadingHistory(pool);
        this.alerts = new StoredAlerts(pool);
        this.audit = new StoredAudit(pool);
    }

    /**
     * Opens the record: the database, its schema, the writer. Nothing is written until {@link #start}.
     *
     * @throws IOException when the embedded database cannot start
     * @throws org.flywaydb.core.api.FlywayException when the database cannot be reached or migrated
     */
    public static RecordStore open(RecordSettings settings, String nodeId, Clock clock) throws IOException {
        EmbeddedDatabase embedded = settings.embedded() ? EmbeddedDatabase.start(settings.embeddedDirectory(), 0) : null;
        try {
            String url = embedded != null ? embedded.jdbcUrl() : settings.jdbcUrl();
            String user = embedded != null ? EmbeddedDatabase.USER : settings.user();
            MigrateResult migrated = Flyway.configure()
                    .dataSource(url, user, settings.password())
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            LOG.info("The record's schema is at version {} ({} migrations applied now)",
                    migrated.targetSchemaVersion == null ? migrated.initialSchemaVersion : migrated.targetSchemaVersion,
                    migrated.migrationsExecuted);
            HikariDataSource pool = pool("record", POOL_SIZE, url, user, settings.password());
            HikariDataSource writers = pool("record-writers", WRITERS_POOL_SIZE, url, user, settings.password());
            requireDateBin(pool);
            LOG.info("The record: {}", embedded != null
                    ? "embedded PostgreSQL, its data in " + embedded.directory() + " (port " + embedded.port() + ")"
                    : "PostgreSQL at " + withoutParameters(url));
            return new RecordStore(settings, embedded, pool, writers, url, nodeId, clock);
        } catch (RuntimeException e) {
            if (embedded != null) {
                embedded.close();
            }
            throw e;
        }
    }

    /** History buckets need {@code date_bin}, PostgreSQL 14 or later: an older server is refused at the start, not at each history. */
    private static void requireDateBin(HikariDataSource pool) {
        try (Connection connection = pool.getConnection(); PreparedStatement version = connection.prepareStatement("SHOW server_version_num");
                java.sql.ResultSet result = version.executeQuery()) {
            result.next();
            if (Integer.parseInt(result.getString(1).trim()) < 140000) {
                throw new IllegalStateException("the record needs PostgreSQL 14 or later (date_bin), not " + result.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("the record's database cannot be asked its version: " + e.getMessage(), e);
        }
    }

    private static HikariDataSource pool(String name, int size, String url, String user, String password) {
        return new HikariDataSource(poolSettings(name, size, url, user, password));
    }

    /** A pool's settings; a test gives them a data source of its own. */
    static HikariConfig poolSettings(String name, int size, String url, String user, String password) {
        HikariConfig config = new HikariConfig();
        config.setPoolName(name);
        config.setJdbcUrl(url);
        config.setUsername(user);
        config.setPassword(password);
        config.setMaximumPoolSize(size);
        config.setConnectionTimeout(2_000);            // a query fails in 2 s when the database is away
        config.setValidationTimeout(1_000);
        config.setInitializationFailTimeout(-1);       // migrations already proved it answers; it may come and go later
        config.setConnectionInitSql("SET ROLE " + APPLICATION_ROLE);
        config.addDataSourceProperty("reWriteBatchedInserts", "true"); // a batch of 500 rows is one INSERT
        config.addDataSourceProperty("tcpKeepAlive", "true");
        // An error's message must not carry a row's values (a batch of readings, a patient's id) into the log.
        config.addDataSourceProperty("logServerErrorDetail", "false");
        config.addDataSourceProperty("socketTimeout", "30");       // seconds: a hung database fails the batch
        // Said, not detected: HikariCP asks the pool's first connection for its isolation level once, and if
        // the network fails just then it never asks again and sets every later connection to level -1, which
        // PostgreSQL refuses. A node started while its database was unreachable then never wrote its record.
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED"); // PostgreSQL's default
        return config;
    }

    /**
     * Starts writing: readings and alert changes as they come, and the node's audit file from where the
     * table stops.
     *
     * @param wards     where each patient is, for the rows' ward (a nurse's history reads her wards' rows)
     * @param auditFile this node's audit trail (Lab 5's file)
     */
    public RecordStore start(Wards wards, Path auditFile) {
        endAlertsOfEarlierRuns();
        writer.wards(wards::wardOf);
        writer.start();
        shipper = new AuditShipper(writers, nodeId, auditFile);
        shipper.start();
        retention.start(settings.retentionEvery());
        return this;
    }

    /** Ends this node's alerts that an earlier run left active: see {@link #END_EARLIER_ALERTS}. */
    private void endAlertsOfEarlierRuns() {
        try (Connection connection = pool.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement end = connection.prepareStatement(END_EARLIER_ALERTS)) {
                end.setString(1, nodeId);
                int ended = end.executeUpdate();
                connection.commit();
                if (ended > 0) {
                    LOG.info("The record: {} alert(s) left active by an earlier run of node {} ended (its alert center starts afresh)", ended, nodeId);
                }
            }
        } catch (SQLException e) {
            LOG.warn("The record: the alerts of an earlier run of node {} could not be ended ({}); they stay listed as active",
                    nodeId, e.getMessage());
        }
    }

    public RecordWriter writer() {
        return writer;
    }

    public ReadingHistory history() {
        return history;
    }

    public StoredAlerts alerts() {
        return alerts;
    }

    public StoredAudit audit() {
        return audit;
    }

    public RetentionJob retention() {
        return retention;
    }

    /** Audit records copied to the table since this node started (0 before {@link #start}). */
    public long auditShipped() {
        AuditShipper current = shipper;
        return current == null ? 0 : current.shipped();
    }

    /** What is wrong with writing the record now, or empty when it is being written. */
    public Optional<String> problem() {
        AuditShipper current = shipper;
        return writer.problem().or(() -> current == null ? Optional.empty() : current.problem());
    }

    /** The connections the server works with (as {@value #APPLICATION_ROLE}). */
    public DataSource dataSource() {
        return pool;
    }

    /** Where the database is: the embedded one's URL too. */
    public String jdbcUrl() {
        return jdbcUrl;
    }

    /** The database's URL without its parameters (a password may be one): what logs and consoles show. */
    public String location() {
        return withoutParameters(jdbcUrl);
    }

    public static String withoutParameters(String jdbcUrl) {
        int query = jdbcUrl.indexOf('?');
        return query < 0 ? jdbcUrl : jdbcUrl.substring(0, query);
    }

    /** The embedded database's data directory, or null when the record is a PostgreSQL by URL. */
    public Path embeddedDirectory() {
        return embedded == null ? null : embedded.directory();
    }

    public RecordSettings settings() {
        return settings;
    }

    /** Writes what is queued (a few seconds at most), copies the audit file's last records, then closes the database. */
    @Override
    public void close() {
        try {
            retention.close();
            writer.close();
            if (shipper != null) {
                shipper.close();
            }
            writers.close();
            pool.close();
        } finally {
            if (embedded != null) {
                embedded.close();
            }
        }
    }
}
