package org.livevitals.security;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code verify-audit}: checks an audit file's hash chain ({@link AuditVerifier}) and says, in one line,
 * whether it is intact or where it breaks, for a person and for a script (the exit code).
 *
 * <pre>
 * $ verify-audit live-vitals-data/audit.jsonl
 * audit trail intact: 1824 records, latest hash 5d41...9c2a
 * </pre>
 *
 * <p>The latest hash is printed so that it can be kept somewhere else: the chain alone cannot show that
 * records were cut from its end, a copy of its latest hash can.
 */
@Command(name = "verify-audit", mixinStandardHelpOptions = true, version = "Live Vitals, Lab 5",
        description = "Check that an audit file is whole: no record edited, removed or moved since it was written.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:the audit trail is intact", "1:the audit trail is broken", "2:the file cannot be read"})
public final class VerifyAuditCommand implements Callable<Integer> {

    static final String DEFAULT_FILE = "live-vitals-data/audit.jsonl";
    public static final int INTACT = 0;
    public static final int BROKEN = 1;
    public static final int UNREADABLE = 2;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", defaultValue = DEFAULT_FILE,
            description = "The audit file (default: ${DEFAULT-VALUE}).")
    Path file;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        if (!Files.exists(file)) {
            err.println(spec.name() + ": there is no audit file at " + file + ": give the path of <data-dir>/audit.jsonl");
            return UNREADABLE;
        }
        AuditVerifier.Verdict verdict;
        try {
            verdict = AuditVerifier.verify(file);
        } catch (IOException e) {
            err.println(spec.name() + ": cannot read " + file + ": " + e);
            return UNREADABLE;
        }
        PrintWriter out = spec.commandLine().getOut();
        if (verdict.intact()) {
            out.println("audit trail intact: " + verdict.checked() + " records, latest hash " + verdict.latestHash());
            return INTACT;
        }
        out.println("audit trail broken at record " + verdict.firstBad() + ": " + verdict.reason());
        return BROKEN;
    }
}
