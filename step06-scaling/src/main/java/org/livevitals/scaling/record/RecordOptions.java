package org.livevitals.scaling.record;

import java.nio.file.Path;
import java.time.Duration;
import org.livevitals.cli.Launcher;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The command-line options of the long-term record. With none, the record is an embedded PostgreSQL in
 * {@code <data-dir>/postgres}; a hospital gives its own database's URL.
 */
public final class RecordOptions {

    /** Where the database password comes from: an environment variable, never the command line (ps shows those). */
    public static final String PASSWORD_VARIABLE = "LIVEVITALS_DATABASE_PASSWORD";
    /** The embedded database's directory inside the data directory. */
    public static final String EMBEDDED_DIRECTORY = "postgres";

    @Option(names = "--database-url", paramLabel = "JDBC_URL",
            description = "Keep the record in this PostgreSQL, e.g. jdbc:postgresql://db.example:5432/livevitals"
                    + " (default: an embedded PostgreSQL in <data-dir>/" + EMBEDDED_DIRECTORY + "). The password comes from "
                    + PASSWORD_VARIABLE + ".")
    String databaseUrl;

    @Option(names = "--database-user", paramLabel = "NAME",
            description = "The user for --database-url (default: the driver's, or the one in the URL).")
    String databaseUser;

    @Option(names = "--keep-readings-days", paramLabel = "DAYS", defaultValue = "30",
            description = "Delete readings older than this many days; alerts and the audit trail are kept (default: ${DEFAULT-VALUE}).")
    int keepReadingsDays;

    @Option(names = "--no-record",
            description = "Keep no long-term record: the live path alone, as in part 1.")
    boolean noRecord;

    /** The record's settings, or null with {@code --no-record}. */
    public RecordSettings settings(CommandSpec spec, Path dataDir) {
        if (keepReadingsDays < 1 || keepReadingsDays > 36_500) {
            throw Launcher.invalidValue(spec, "--keep-readings-days", "a whole number of days from 1 to 36500");
        }
        if (noRecord) {
            if (databaseUrl != null) {
                throw Launcher.invalidValue(spec, "--no-record", "not together with --database-url");
            }
            return null;
        }
        Duration keep = Duration.ofDays(keepReadingsDays);
        if (databaseUrl == null) {
            return RecordSettings.embedded(dataDir.resolve(EMBEDDED_DIRECTORY)).withKeepReadings(keep);
        }
        if (RecordSettings.hasPassword(databaseUrl)) {
            throw Launcher.invalidValue(spec, "--database-url", "no password in the URL (a command line is visible to every user of"
                    + " the machine): give it in " + PASSWORD_VARIABLE);
        }
        if (!databaseUrl.startsWith("jdbc:postgresql://")) {
            throw Launcher.invalidValue(spec, "--database-url", "a PostgreSQL JDBC URL, e.g. jdbc:postgresql://localhost:5432/livevitals");
        }
        return RecordSettings.byUrl(databaseUrl, databaseUser, System.getenv(PASSWORD_VARIABLE)).withKeepReadings(keep);
    }
}
