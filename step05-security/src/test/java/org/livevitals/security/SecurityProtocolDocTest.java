package org.livevitals.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;
import org.livevitals.broadcast.MonitorSettings;
import org.livevitals.broadcast.QueryParameters;
import org.livevitals.security.alerts.AlertCenter;
import org.livevitals.security.alerts.AlertSettings;
import org.livevitals.testkit.CourseFiles;

/** labs/protocol.md states Lab 5's limits, closes and refusals; this fails when the doc and the code drift apart. */
class SecurityProtocolDocTest {

    private static final String DOC = "labs/protocol.md";

    @Test
    void limitsInTheDocAreTheValuesInTheCode() {
        Map<String, String> rows = CourseFiles.secondCellByFirst(DOC);
        assertThat(rows).as("Lab 5 limits in %s", DOC)
                .hasEntrySatisfying("Sign-in token lifetime", value -> assertThat(value)
                        .startsWith(Tokens.DEFAULT_SIGN_IN_LIFETIME.toMinutes() + " min"))
                .hasEntrySatisfying("Ticket lifetime", value -> assertThat(value)
                        .startsWith(Tokens.DEFAULT_TICKET_LIFETIME.toSeconds() + " s"))
                .hasEntrySatisfying("Clock skew allowed", value -> assertThat(value)
                        .startsWith(Tokens.MAX_CLOCK_SKEW.toSeconds() + " s"))
                .hasEntrySatisfying("Messages from one session", value -> assertThat(value)
                        .startsWith(RateLimit.DEFAULT_BURST + " at once")
                        .contains("then " + (long) RateLimit.DEFAULT_PER_SECOND + " a second"))
                .hasEntrySatisfying("Password checks at once", value -> assertThat(value)
                        .startsWith(Users.MAX_CONCURRENT_CHECKS + ";")
                        .contains(Users.BUSY_WAIT.toMillis() + " ms"))
                .hasEntrySatisfying("Sign-in attempts", value -> assertThat(value)
                        .startsWith(SignInThrottle.ATTEMPTS_PER_ADDRESS + " a minute per address")
                        .contains(SignInThrottle.FAILURES_PER_USER + " failures a minute per user name"))
                .hasEntrySatisfying("Refusals audited", value -> assertThat(value)
                        .startsWith(RefusalLimiter.RECORDED_PER_WINDOW + " a minute per address")
                        .contains(String.format("%,d a minute in all", RefusalLimiter.RECORDED_PER_MINUTE)))
                .hasEntrySatisfying("Body of `POST /api/login`", value -> assertThat(value)
                        .startsWith(SignInApi.MAX_BODY_BYTES + " bytes"))
                .hasEntrySatisfying("Alert silence after an acknowledgement", value -> assertThat(value)
                        .startsWith(AlertSettings.DEFAULTS.silencePeriod().toSeconds() + " s"))
                .hasEntrySatisfying("Re-announcement of an unacknowledged high-priority alert", value -> assertThat(value)
                        .startsWith("every " + AlertSettings.DEFAULTS.reannounceInterval().toSeconds() + " s"))
                .hasEntrySatisfying("Hold before an alert eases or clears", value -> assertThat(value)
                        .startsWith(AlertSettings.DEFAULTS.clearAfterReadings() + " readings"))
                .hasEntrySatisfying("Silence that raises a technical alarm", value -> assertThat(value)
                        .contains(MonitorSettings.DEFAULT_STALE_AFTER.toSeconds() + " s"))
                .hasEntrySatisfying("Device commands one session waits on", value -> assertThat(value)
                        .startsWith(BedsideCommands.MAX_IN_FLIGHT_PER_SESSION + ";"))
                .hasEntrySatisfying("Time a device has to answer a command", value -> assertThat(value)
                        .startsWith(ClinicalSettings.DEFAULTS.commandTimeout().toSeconds() + " s"))
                .hasEntrySatisfying("Alert changes kept for `GET /api/alerts`", value -> assertThat(value)
                        .startsWith(String.format("%,d", AlertCenter.HISTORY_CAPACITY)))
                .hasEntrySatisfying("Alert changes per answer", value -> assertThat(value)
                        .startsWith(AlertsApi.MAX_LIMIT + " (`limit`), " + AlertsApi.DEFAULT_LIMIT + " by default"));
    }

    @Test
    void theClosesAndRefusalsInTheDocAreTheCodesWords() {
        String doc = CourseFiles.read(DOC);
        LongSupplier stoppedClock = () -> 0;
        assertThat(doc).as(DOC)
                .contains("`" + SessionGuard.TOKEN_EXPIRED + "`")
                .contains("`" + new RateLimit(RateLimit.DEFAULT_BURST, RateLimit.DEFAULT_PER_SECOND, stoppedClock).describe() + "`")
                .contains(SignInApi.WRONG_CREDENTIALS)
                .contains(SignInThrottle.TOO_MANY_FROM_ADDRESS)
                .contains(SignInThrottle.TOO_MANY_FOR_USER)
                .contains(SignInThrottle.TOO_MANY_USER_NAMES)
                .contains(Handshake.NO_TICKET)
                .contains(Handshake.ORIGIN_NOT_ALLOWED)
                .contains(Handshake.SIGN_IN_EXPIRED)
                .contains(QueryParameters.UNREADABLE);
    }
}
