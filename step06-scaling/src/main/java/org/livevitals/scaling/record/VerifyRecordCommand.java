package org.livevitals.scaling.record;

import java.io.PrintWriter;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.Callable;
import org.livevitals.cli.Launcher;
import org.livevitals.security.AuditVerifier;
import org.postgresql.ds.PGSimpleDataSource;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code verify-record}: Lab 5's {@code verify-audit}, run over the audit table of the record instead of
 * a file: each node's chain, one line each, and an exit code for a script.
 *
 * <pre>
 * $ verify-record --database-url 'jdbc:postgresql://localhost:15432/postgres?user=postgres'
 * n1: audit trail intact: 1824 records, latest hash 5d41...9c2a
 * n2: audit trail broken at record 7: record 7 was edited: its hash does not match its content
 * </pre>
 */
@Command(name = "verify-record", mixinStandardHelpOptions = true, version = "Live Vitals, Lab 6",
        description = "Check every node's audit chain in the record's database: no record edited, removed or moved.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every chain is intact", "1:a chain is broken", "2:the database cannot be read"})
public final class VerifyRecordCommand implements Callable<Integer> {

    public static final int INTACT = 0;
    public static final int BROKEN = 1;
    public static final int UNREADABLE = 2;

    @Spec
    CommandSpec spec;

    @Option(names = "--database-url", required = true, paramLabel = "JDBC_URL",
            description = "The record's PostgreSQL (a running server prints its URL), e.g. jdbc:postgresql://localhost:15432/postgres?user=postgres;"
                    + " the password from " + RecordOptions.PASSWORD_VARIABLE + ".")
    String databaseUrl;

    @Option(names = "--database-user", paramLabel = "NAME", description = "The user (default: the driver's, or the one in the URL).")
    String databaseUser;

    @Override
    public Integer call() {
        if (RecordSettings.hasPassword(databaseUrl)) {
            throw Launcher.invalidValue(spec, "--database-url", "no password in the URL: give it in " + RecordOptions.PASSWORD_VARIABLE);
        }
        if (!databaseUrl.startsWith("jdbc:postgresql://")) {
            throw Launcher.invalidValue(spec, "--database-url", "a PostgreSQL JDBC URL, e.g. jdbc:postgresql://localhost:15432/postgres");
        }
        PGSimpleDataSource database = new PGSimpleDataSource();
        database.setUrl(databaseUrl);
        if (databaseUser != null) {
            database.setUser(databaseUser);
        }
        String password = System.getenv(RecordOptions.PASSWORD_VARIABLE);
        if (password != null) {
            database.setPassword(password);
        }
        List<StoredAudit.NodeVerdict> verdicts;
        try {
            verdicts = new StoredAudit(database).verify();
        } catch (SQLException e) {
            spec.commandLine().getErr().println(spec.name() + ": cannot read the audit table at "
                    + RecordStore.withoutParameters(databaseUrl) + ": " + e.getMessage());
            return UNREADABLE;
        }
        PrintWriter out = spec.commandLine().getOut();
        if (verdicts.isEmpty()) {
            out.println("the record holds no audit records yet");
        }
        boolean intact = true;
        for (StoredAudit.NodeVerdict node : verdicts) {
            AuditVerifier.Verdict verdict = node.verdict();
            out.println(node.node() + ": " + (verdict.intact()
                    ? "audit trail intact: " + verdict.checked() + " records, latest hash " + verdict.latestHash()
                    : "audit trail broken at record " + verdict.firstBad() + ": " + verdict.reason()));
            intact &= verdict.intact();
        }
        return intact ? INTACT : BROKEN;
    }
}
