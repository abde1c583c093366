package org.livevitals.security;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.livevitals.rawsockets.DeviceRegistry;
import org.livevitals.security.alerts.AlertSettings;

/**
 * How Lab 5's clinical side behaves: when alerts are raised, silenced and re-announced, and how long a
 * device has to answer a command.
 *
 * @param alerts         the alert center's timings (its {@code staleAfter} is replaced by the monitor's)
 * @param alertLimits    a JSON file of warning and critical limits per vital; null for the defaults
 * @param commandTimeout how long a device has to answer a command before the clinician is told "timeout"
 */
public record ClinicalSettings(AlertSettings alerts, Path alertLimits, Duration commandTimeout) {

    public static final ClinicalSettings DEFAULTS =
            new ClinicalSettings(AlertSettings.DEFAULTS, null, DeviceRegistry.DEFAULT_COMMAND_TIMEOUT);

    public ClinicalSettings {
        Objects.requireNonNull(alerts, "alerts");
        Objects.requireNonNull(commandTimeout, "commandTimeout");
        if (commandTimeout.isNegative() || commandTimeout.isZero()) {
            throw new IllegalArgumentException("commandTimeout must be positive, not " + commandTimeout);
        }
    }

    public ClinicalSettings withAlerts(AlertSettings settings) {
        return new ClinicalSettings(settings, alertLimits, commandTimeout);
    }

    public ClinicalSettings withAlertLimits(Path file) {
        return new ClinicalSettings(alerts, file, commandTimeout);
    }

    public ClinicalSettings withCommandTimeout(Duration timeout) {
        return new ClinicalSettings(alerts, alertLimits, timeout);
    }
}
