package org.livevitals.security;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.livevitals.cli.Launcher;
import org.livevitals.security.alerts.AlertSettings;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The options of Lab 5's clinical side (alerts and device commands), checked and turned into {@link ClinicalSettings}. */
public final class ClinicalOptions {

    private static final String SILENCE_SECONDS = "10..3600";
    private static final String REANNOUNCE_SECONDS = "5..3600";
    private static final String COMMAND_SECONDS = "1..60";

    @Option(names = "--alert-limits", description = "JSON file of warning and critical limits per vital (default: the limits in labs/step05-security.md).")
    Path alertLimits;

    @Option(names = "--silence-seconds", description = "How long an acknowledged alert stays silent (" + SILENCE_SECONDS + ", default: ${DEFAULT-VALUE}).")
    long silenceSeconds = AlertSettings.DEFAULTS.silencePeriod().toSeconds();

    @Option(names = "--reannounce-seconds", description = "How often an unacknowledged high-priority alert is announced again (" + REANNOUNCE_SECONDS + ", default: ${DEFAULT-VALUE}).")
    long reannounceSeconds = AlertSettings.DEFAULTS.reannounceInterval().toSeconds();

    @Option(names = "--command-timeout-seconds", description = "How long a device has to answer a command (" + COMMAND_SECONDS + ", default: ${DEFAULT-VALUE}).")
    long commandTimeoutSeconds = ClinicalSettings.DEFAULTS.commandTimeout().toSeconds();

    public ClinicalSettings settings(CommandSpec spec) {
        Launcher.checkRange(spec, "--silence-seconds", silenceSeconds, SILENCE_SECONDS);
        Launcher.checkRange(spec, "--reannounce-seconds", reannounceSeconds, REANNOUNCE_SECONDS);
        Launcher.checkRange(spec, "--command-timeout-seconds", commandTimeoutSeconds, COMMAND_SECONDS);
        if (alertLimits != null && !Files.isReadable(alertLimits)) {
            throw Launcher.invalidValue(spec, "--alert-limits", alertLimits + " cannot be read");
        }
        AlertSettings alerts = AlertSettings.DEFAULTS
                .withSilencePeriod(Duration.ofSeconds(silenceSeconds))
                .withReannounceInterval(Duration.ofSeconds(reannounceSeconds));
        return new ClinicalSettings(alerts, alertLimits, Duration.ofSeconds(commandTimeoutSeconds));
    }
}
