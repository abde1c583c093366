package org.livevitals.scaling.record;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A PostgreSQL for the record's scenarios: one embedded server per test JVM (zonky, a real PostgreSQL
 * from a Maven jar, started on first use in about a second), and a fresh database in it for every test,
 * so tests never see each other's rows and nothing has to be cleaned between them.
 *
 * <pre>{@code
 * RecordSettings db = TestDatabase.newDatabase();           // CREATE DATABASE lv_test_7
 * ScalingServer node = ... ScalingSettings.SINGLE_NODE.withRecord(db) ...
 * try (Connection superuser = TestDatabase.superuser(db)) { ... }  // what a DBA could do behind the app's back
 * }</pre>
 *
 * <p>The server is stopped by zonky's own shutdown hook when the JVM exits, and its data directory is
 * deleted with it: the databases live as long as the test run.
 *
 * <p>The node connects as {@value #SUPERUSER} (zonky's only role, trusted on the loopback) and the
 * record's pool then does {@code SET ROLE livevitals_app}: the application's rights are the role's,
 * which is what the append-only scenarios test.
 */
final class TestDatabase {

    /** The superuser zonky's initdb creates; trusted without a password from the loopback. */
    static final String SUPERUSER = "postgres";

    /**
     * How long the server may take to start: zonky's default is 10 s, and initdb plus the first start on a
     * busy two-core machine has been seen near that.
     */
    private static final Duration STARTUP_PATIENCE = Duration.ofSeconds(60);
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres server;

    private TestDatabase() {}

    /** The JVM's embedded PostgreSQL, started on first use. */
    static synchronized EmbeddedPostgres server() {
        if (server == null) {
            try {
                // registers a shutdown hook that stops it and deletes its data directory
                server = EmbeddedPostgres.builder().setPGStartupWait(STARTUP_PATIENCE).start();
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the embedded PostgreSQL (zonky): " + e.getMessage()
                        + "; as root it needs user namespaces (unshare -U)", e);
            }
        }
        return server;
    }

    /** The port the embedded PostgreSQL listens on, on the loopback: what a proxy in front of it forwards to. */
    static int port() {
        return server().getPort();
    }

    /** A new, empty database on the JVM's server, and the record's settings to reach it directly. */
    static RecordSettings newDatabase() {
        String name = "lv_test_" + DATABASES.incrementAndGet();
        try (Connection postgres = server().getPostgresDatabase().getConnection();
                Statement create = postgres.createStatement()) {
            create.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name + ": " + e.getMessage(), e);
        }
        return RecordSettings.byUrl(jdbcUrl(port(), name), SUPERUSER, null);
    }

    /** The same database as {@code db}, reached through {@code port} instead (a {@link org.livevitals.testkit.TcpFaultProxy}'s). */
    static RecordSettings through(RecordSettings db, int port) {
        return RecordSettings.byUrl(jdbcUrl(port, databaseName(db)), db.user(), db.password());
    }

    /**
     * A connection to {@code db}'s database as the superuser, straight to the server (never through a
     * proxy): what a database administrator, or someone who stole the administrator's password, can do.
     * The caller closes it.
     */
    static Connection superuser(RecordSettings db) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(port(), databaseName(db)), SUPERUSER, null);
    }

    /** One number from a query run as the superuser on {@code db}, e.g. {@code select count(*) from readings}. */
    static long number(RecordSettings db, String sql) throws SQLException {
        try (Connection connection = superuser(db); Statement statement = connection.createStatement();
                ResultSet rows = statement.executeQuery(sql)) {
            if (!rows.next()) {
                throw new IllegalStateException("no row from: " + sql);
            }
            return rows.getLong(1);
        }
    }

    /** The database's name in a {@code jdbc:postgresql://host:port/name[?...]} URL. */
    static String databaseName(RecordSettings db) {
        URI url = URI.create(db.jdbcUrl().substring("jdbc:".length()));
        return url.getPath().substring(1);
    }

    private static String jdbcUrl(int port, String database) {
        // 127.0.0.1, not localhost: the proxy listens on IPv4's loopback, and localhost may be ::1 first
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }
}
