package org.livevitals.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.livevitals.cli.Launcher;
import org.livevitals.rawsockets.ArgumentChecks;
import org.livevitals.rawsockets.VitalSigns;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The options Lab 5 adds to a monitoring server's command line, checked and turned into {@link SecuritySettings}. */
public final class SecurityOptions {

    /** From one minute (to watch a session expire) to a working day. */
    private static final String TOKEN_MINUTES = "1..720";
    private static final String TLS_PORT = "-1.." + ArgumentChecks.MAX_PORT;
    private static final Pattern WARD = Pattern.compile("[A-Za-z0-9_-]{1,32}");
    private static final Pattern ORIGIN = Pattern.compile("https?://[A-Za-z0-9.-]+(:[0-9]{1,5})?");

    @Option(names = "--data-dir", description = "Where the audit trail and the development key and certificate live (default: ${DEFAULT-VALUE}).")
    Path dataDir = SecuritySettings.DEFAULT_DATA_DIR;

    @Option(names = "--signing-key", description = "JWK file with the EC P-256 key that signs tokens (default: a development key made in --data-dir).")
    Path signingKey;

    @Option(names = "--users", description = "JSON file of users with Argon2 hashes (hash-password makes them; default: the demo users).")
    Path users;

    @Option(names = "--token-minutes", description = "How long a sign-in, and so a dashboard session, lasts (" + TOKEN_MINUTES + ", default: ${DEFAULT-VALUE}).")
    long tokenMinutes = Tokens.DEFAULT_SIGN_IN_LIFETIME.toMinutes();

    @Option(names = "--tls-port", description = "Port for https:// and wss://; 0 takes any free one, -1 turns TLS off (" + TLS_PORT + ", default: ${DEFAULT-VALUE}).")
    int tlsPort = SecuritySettings.DEFAULT_TLS_PORT;

    @Option(names = "--tls-keystore", description = "PKCS#12 key store with the server's certificate (default: a development certificate made in --data-dir).")
    Path tlsKeyStore;

    @Option(names = "--tls-password-file", description = "File whose first line is the --tls-keystore password (never on the command line, where ps shows it).")
    Path tlsPasswordFile;

    @Option(names = "--allow-origin", description = "A page origin allowed to open dashboard sessions besides the server's own, e.g. https://monitor.example.org; repeatable.")
    List<String> allowedOrigins = new ArrayList<>();

    @Option(names = "--trusted-proxy", paramLabel = "ADDRESS", description = "A proxy in front of this server (Lab 6's nginx: 127.0.0.1), an IP"
            + " address or a CIDR range; on its connections, and only there, the client is the last address of X-Forwarded-For. Repeatable"
            + " (default: none: every client is the address it connects from).")
    List<String> trustedProxies = new ArrayList<>();

    @Option(names = "--ward", description = "Patients of a ward, e.g. icu=P101,P102; repeatable. The simulated patients are on icu (odd) and cardiology (even).")
    List<String> wards = new ArrayList<>();

    public SecuritySettings settings(CommandSpec spec) {
        Launcher.checkRange(spec, "--token-minutes", tokenMinutes, TOKEN_MINUTES);
        Launcher.checkRange(spec, "--tls-port", tlsPort, TLS_PORT);
        if ((tlsKeyStore == null) != (tlsPasswordFile == null)) {
            throw Launcher.invalidValue(spec, tlsKeyStore == null ? "--tls-password-file" : "--tls-keystore",
                    "--tls-keystore and --tls-password-file go together");
        }
        for (String origin : allowedOrigins) {
            if (!ORIGIN.matcher(origin).matches()) {
                throw Launcher.invalidValue(spec, "--allow-origin", "'" + origin + "' is not an origin such as https://monitor.example.org");
            }
        }
        for (String proxy : trustedProxies) {
            try {
                TrustedProxies.checked(proxy);
            } catch (IllegalArgumentException notAnAddress) {
                throw Launcher.invalidValue(spec, "--trusted-proxy", notAnAddress.getMessage());
            }
        }
        return new SecuritySettings(dataDir, signingKey, users, Duration.ofMinutes(tokenMinutes), tlsPort, tlsKeyStore,
                tlsPassword(spec), new LinkedHashSet<>(allowedOrigins), new LinkedHashSet<>(trustedProxies), wards(spec),
                RateLimit.DEFAULT_BURST, RateLimit.DEFAULT_PER_SECOND);
    }

    private String tlsPassword(CommandSpec spec) {
        if (tlsPasswordFile == null) {
            return null;
        }
        try {
            List<String> lines = Files.readAllLines(tlsPasswordFile, StandardCharsets.UTF_8);
            if (lines.isEmpty() || lines.get(0).isEmpty()) {
                throw Launcher.invalidValue(spec, "--tls-password-file", tlsPasswordFile + " is empty");
            }
            return lines.get(0);
        } catch (IOException e) {
            throw Launcher.invalidValue(spec, "--tls-password-file", tlsPasswordFile + " cannot be read: " + e.getClass().getSimpleName());
        }
    }

    private Map<String, String> wards(CommandSpec spec) {
        Map<String, String> wardOfPatient = new HashMap<>();
        for (String ward : wards) {
            String[] parts = ward.split("=", 2);
            if (parts.length != 2 || !WARD.matcher(parts[0]).matches() || parts[1].isEmpty()) {
                throw Launcher.invalidValue(spec, "--ward", "'" + ward + "' is not WARD=PATIENT,PATIENT,... (e.g. icu=P101,P102)");
            }
            for (String patient : parts[1].split(",")) {
                if (!VitalSigns.PATIENT_ID.matcher(patient).matches()) {
                    throw Launcher.invalidValue(spec, "--ward", "'" + patient + "' is not a patient id (" + VitalSigns.PATIENT_ID.pattern() + ")");
                }
                wardOfPatient.put(patient, parts[0]);
            }
        }
        return wardOfPatient;
    }
}
