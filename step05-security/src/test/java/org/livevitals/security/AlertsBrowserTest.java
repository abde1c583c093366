package org.livevitals.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.livevitals.security.SecureFixture.DOCTOR;
import static org.livevitals.security.SecureFixture.ICU_NURSE;
import static org.livevitals.security.SecureFixture.ICU_PATIENT;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livevitals.broadcast.MonitorSettings;
import org.livevitals.rawsockets.DeviceSimulator;
import org.livevitals.rawsockets.VitalSigns;
import org.livevitals.rawsockets.VitalsGenerator;
import org.livevitals.reconnect.ResumeSettings;
import org.livevitals.testkit.Chromium;
import org.livevitals.testkit.Scenario;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Lab 5's alerts and commands in a real headless Chromium: the banner of a doctor's and a nurse's
 * page, an acknowledgement seen by both, and a command to a device answered on the tile.
 *
 * <p>The banner and the tiles change underneath the test (an alert is updated, re-ordered, a
 * reading redraws a tile), so each check reads what it needs in one script in the page rather than
 * finding elements in one call and reading them in the next (SecureDashboardBrowserTest's lesson).
 */
class AlertsBrowserTest {

    /** Generous: a scenario asserts what the page shows, not how fast. */
    private static final Duration PATIENCE = Chromium.PATIENCE;
    /** Below AlertLimits.DEFAULTS' critical SpO2 limit (90 %): a high-priority alert. */
    private static final int CRITICAL_SPO2 = 88;
    private static final int NORMAL_SPO2 = 97;
    /** How the banner says a high priority, and how it ranks the three (labs/protocol.md). */
    private static final String HIGH_PRIORITY = "High priority";
    private static final Map<String, Integer> RANK = Map.of("High priority", 3, "Medium priority", 2, "Low priority", 1);
    private static final String UNACKNOWLEDGED = "unacknowledged";
    /** L5-43: the device sends its first reading on connecting, then only when asked. */
    private static final Duration RARELY = Duration.ofHours(1);
    private static final String DONE = "done";

    @TempDir
    Path dataDir;

    /** One entry of a page's alert banner, as the page shows it. */
    record Entry(String id, String priority, String patient, String text, String state, boolean acknowledgeOffered) {}

    private SecureServer start() throws Exception {
        return SecureServer.newServer(MonitorSettings.forTests(), ResumeSettings.forTests(),
                SecuritySettings.forTests(dataDir), Clock.systemUTC()).start();
    }

    private static void publish(SecureServer server, String patient, int spo2) {
        server.monitor().stream().onReading(new VitalSigns(patient, Instant.now(), 80, spo2, 37.0, 120, 80, 16));
    }

    private static WebElement byId(Chromium chromium, String id) {
        return chromium.driver().findElement(By.id(id));
    }

    /** Opens the page, signs in and waits for the session to be live. */
    private static void signInLive(Chromium chromium, SecureServer server, SecureFixture.User user) {
        chromium.driver().get(server.httpUri().toString());
        chromium.waitUp().withMessage(() -> "the sign-in form to show")
                .until(page -> byId(chromium, "sign-in").isDisplayed());
        byId(chromium, "username").sendKeys(user.name());
        byId(chromium, "password").sendKeys(user.password());
        chromium.driver().findElement(By.cssSelector("#sign-in button[type=submit]")).click();
        chromium.waitUp().withMessage(() -> user.name() + "'s page to say live; it says " + byId(chromium, "connection").getText())
                .until(page -> "live".equals(byId(chromium, "connection").getText()));
    }

    /** The entries of the page's alert banner, top to bottom, read in one step in the page. */
    private static List<Entry> banner(Chromium chromium) {
        Object entries = chromium.driver().executeScript("""
                return Array.from(document.querySelectorAll('#alert-list li.alert'), entry => {
                  const part = name => entry.querySelector('.' + name).textContent;
                  return [entry.dataset.alert, part('priority'), part('patient'), part('text'), part('state'),
                      String(!entry.querySelector('button.acknowledge').hidden)];
                });
                """);
        return ((List<?>) entries).stream().map(entry -> (List<?>) entry)
                .map(parts -> new Entry((String) parts.get(0), (String) parts.get(1), (String) parts.get(2),
                        (String) parts.get(3), (String) parts.get(4), Boolean.parseBoolean((String) parts.get(5))))
                .toList();
    }

    /** What a tile shows of a command and of the readings: read together, in one step in the page. */
    record TileState(int chartPoints, String outcome, String result, String news2) {}

    private static TileState tile(Chromium chromium, String patient) {
        Object state = chromium.driver().executeScript("""
                const tile = Array.from(document.querySelectorAll('#tiles .tile')).find(t => t.dataset.patient === arguments[0]);
                if (!tile) return null;
                const chart = Chart.getChart(tile.querySelector('canvas'));
                const outcome = tile.querySelector('.command-result .outcome');
                return [String(chart ? chart.data.datasets[0].data.length : 0), outcome ? outcome.textContent : '',
                    tile.querySelector('.command-result').textContent, tile.querySelector('.news2').textContent];
                """, patient);
        if (state == null) {
            return new TileState(0, "", "", "");
        }
        List<?> parts = (List<?>) state;
        return new TileState(Integer.parseInt((String) parts.get(0)), (String) parts.get(1), (String) parts.get(2),
                (String) parts.get(3));
    }

    /** The banner's entry of {@code patient}'s alert whose text starts with {@code source} (e.g. "SpO2"), if any. */
    private static Optional<Entry> alertOf(Chromium chromium, String patient, String source) {
        return banner(chromium).stream()
                .filter(entry -> entry.patient().equals(patient) && entry.text().startsWith(source + " "))
                .findFirst();
    }

    @Test
    @Scenario("L5-42")
    void aCriticalSpo2ShowsInTheDoctorsAndTheNursesBannersAndTheDoctorsAcknowledgementReachesBoth() throws Exception {
        try (SecureServer server = start();
                Chromium doctor = Chromium.start();
                Chromium nurse = Chromium.start()) {
            publish(server, ICU_PATIENT, NORMAL_SPO2);
            signInLive(doctor, server, DOCTOR);
            signInLive(nurse, server, ICU_NURSE);

            publish(server, ICU_PATIENT, CRITICAL_SPO2);
            String id = null;
            for (Chromium page : List.of(doctor, nurse)) {
                String whose = page == doctor ? "the doctor's" : "the nurse's";
                await(whose + " banner to show " + ICU_PATIENT + "'s SpO2 alert").atMost(PATIENCE)
                        .until(() -> alertOf(page, ICU_PATIENT, "SpO2").isPresent());
                Entry entry = alertOf(page, ICU_PATIENT, "SpO2").orElseThrow();
                assertThat(entry.priority()).as("%s entry's priority, in words", whose).isEqualTo(HIGH_PRIORITY);
                assertThat(entry.text()).as("%s entry's text", whose).contains(String.valueOf(CRITICAL_SPO2), "below");
                assertThat(entry.state()).as("%s entry's state", whose).isEqualTo(UNACKNOWLEDGED);
                assertThat(entry.acknowledgeOffered()).as("%s Acknowledge button (a doctor, an ICU nurse)", whose).isTrue();
                assertThat(banner(page)).as("%s banner, highest priority first", whose)
                        .extracting(shown -> RANK.getOrDefault(shown.priority(), 0))
                        .isSortedAccordingTo((a, b) -> Integer.compare(b, a));
                assertThat(id == null || id.equals(entry.id())).as("both pages show the same alert").isTrue();
                id = entry.id();
            }

            doctor.driver().findElement(By.cssSelector("#alert-list li[data-alert='" + id + "'] button.acknowledge")).click();

            String acknowledged = "acknowledged by " + DOCTOR.name();
            for (Chromium page : List.of(doctor, nurse)) {
                String whose = page == doctor ? "the doctor's" : "the nurse's";
                await(whose + " banner to show the alert " + acknowledged).atMost(PATIENCE)
                        .until(() -> alertOf(page, ICU_PATIENT, "SpO2").map(Entry::state).orElse(""),
                                state -> state.startsWith(acknowledged));
                Entry entry = alertOf(page, ICU_PATIENT, "SpO2").orElseThrow();
                assertThat(entry.priority()).as("%s entry's priority once acknowledged", whose).isEqualTo(HIGH_PRIORITY);
                assertThat(entry.acknowledgeOffered()).as("%s Acknowledge button once acknowledged", whose).isFalse();
            }
        }
    }

    @Test
    @Scenario("L5-43")
    void requestReadingOnATileAsksTheDeviceAndTheTileShowsDoneAndTheFreshReading() throws Exception {
        try (SecureServer server = start();
                DeviceSimulator device = new DeviceSimulator("localhost", server.monitor().devicePort(),
                        new VitalsGenerator(ICU_PATIENT, new Random(), Clock.systemUTC()), RARELY, RARELY).start();
                Chromium doctor = Chromium.start()) {
            await("the device of " + ICU_PATIENT + " to be connected").atMost(PATIENCE)
                    .until(() -> server.monitor().devices().isConnected(ICU_PATIENT));
            signInLive(doctor, server, DOCTOR);
            await(ICU_PATIENT + "'s tile to chart the device's first reading").atMost(PATIENCE)
                    .until(() -> tile(doctor, ICU_PATIENT).chartPoints() >= 1);
            TileState before = tile(doctor, ICU_PATIENT);
            assertThat(before.outcome()).as("a command's outcome before any was sent").isEmpty();

            doctor.driver().findElement(By.cssSelector(
                    ".tile[data-patient='" + ICU_PATIENT + "'] button[data-command='request-reading']")).click();

            await("the tile to show the outcome " + DONE + " and one more reading than " + before).atMost(PATIENCE)
                    .until(() -> tile(doctor, ICU_PATIENT),
                            state -> state.outcome().equals(DONE) && state.chartPoints() > before.chartPoints());
            TileState after = tile(doctor, ICU_PATIENT);
            assertThat(after.chartPoints()).as("the readings charted: the first and the fresh one")
                    .isEqualTo(before.chartPoints() + 1);
            assertThat(after.result()).as("what the tile says of the command").startsWith("Request reading: " + DONE);
            assertThat(after.news2()).as("the tile's NEWS2").matches("NEWS2 \\d+ (low|low-medium|medium|high) risk");
            assertThat(device.acknowledged()).as("readings the device sent: the first and the requested one").isEqualTo(2);
        }
    }
}
