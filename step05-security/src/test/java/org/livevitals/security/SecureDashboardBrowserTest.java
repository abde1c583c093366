package org.livevitals.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.livevitals.security.SecureFixture.ADMIN;
import static org.livevitals.security.SecureFixture.DOCTOR;
import static org.livevitals.security.SecureFixture.ICU_NURSE;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livevitals.broadcast.MonitorSettings;
import org.livevitals.rawsockets.VitalSigns;
import org.livevitals.reconnect.ResumeSettings;
import org.livevitals.testkit.Chromium;
import org.livevitals.testkit.Scenario;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Lab 5's page in a real headless Chromium: sign-in, each role's view, sign-out, and a session whose
 * sign-in expires. The page is Lab 3's tiles and Lab 4's reconnecting connection, driven by security.js.
 */
class SecureDashboardBrowserTest {

    /** Every patient of the demo wards: P001 and P003 on the ICU, P002 and P004 on cardiology. */
    private static final List<String> ALL_PATIENTS = List.of("P001", "P002", "P003", "P004");
    private static final List<String> ICU_PATIENTS = List.of("P001", "P003");
    private static final List<String> CARDIOLOGY_PATIENTS = List.of("P002", "P004");
    private static final String WRONG_PASSWORD = "not-the-password";
    /** SignInApi.WRONG_CREDENTIALS, as the page shows it. */
    private static final String WRONG_CREDENTIALS = "wrong user name or password";
    private static final String EXPIRED = "Your session expired — sign in again";
    /** Lab 4's notice after a resume the server could not fill. */
    private static final String NOT_RECOVERED = "Readings were missed and could not be recovered";
    /** What the recorder notes while an element is hidden, and while one it watches only for that is shown. */
    private static final String HIDDEN = "(hidden)";
    private static final String SHOWN = "(shown)";
    /**
     * L5-25: long enough for the page to sign in, get a ticket and connect; short enough to watch it
     * run out (token times are whole seconds, so one may end up to a second early).
     */
    private static final Duration SHORT_SIGN_IN = Duration.ofSeconds(5);
    /** L5-25: readings published while the page is signed out. */
    private static final int PUBLISHED_WHILE_SIGNED_OUT = 4;

    @TempDir
    Path dataDir;

    private SecureServer start(SecuritySettings security) throws Exception {
        return SecureServer.newServer(MonitorSettings.forTests(), ResumeSettings.forTests(), security, Clock.systemUTC())
                .start();
    }

    /** Publishes one reading for {@code patient} measured now, as a device would. */
    private static void publish(SecureServer server, String patient, int pulse) {
        server.monitor().stream().onReading(new VitalSigns(patient, Instant.now(), pulse, 97, 37.0, 120, 80, 16));
    }

    private static WebElement byId(Chromium chromium, String id) {
        return chromium.driver().findElement(By.id(id));
    }

    private static String connection(Chromium chromium) {
        return byId(chromium, "connection").getText();
    }

    /** Fills in the sign-in form and sends it; the form must be on the page. */
    private static void signIn(Chromium chromium, String user, String password) {
        chromium.waitUp().withMessage(() -> "the sign-in form to show")
                .until(page -> byId(chromium, "sign-in").isDisplayed());
        WebElement name = byId(chromium, "username");
        name.clear();
        name.sendKeys(user);
        WebElement secret = byId(chromium, "password");
        secret.clear();
        secret.sendKeys(password);
        chromium.driver().findElement(By.cssSelector("#sign-in button[type=submit]")).click();
    }

    private static void signIn(Chromium chromium, SecureFixture.User user) {
        signIn(chromium, user.name(), user.password());
    }

    /** Signs in and waits for the dashboard session to be live (its snapshot or resume has arrived). */
    private static void signInLive(Chromium chromium, SecureFixture.User user) {
        signIn(chromium, user);
        chromium.waitUp().withMessage(() -> user.name() + "'s page to say live; the connection says " + connection(chromium)
                        + ", the sign-in error " + byId(chromium, "sign-in-error").getText())
                .until(page -> "live".equals(connection(chromium)));
        assertThat(byId(chromium, "user").getText()).as("who the header says is signed in").isEqualTo(user.name());
    }

    /** Signs out; the page reloads with the sign-in form (the old page's form stays hidden, so this waits for the new one). */
    private static void signOut(Chromium chromium) {
        byId(chromium, "sign-out").click();
        chromium.waitUp().withMessage(() -> "the sign-in form to be back after signing out")
                .until(page -> byId(chromium, "sign-in").isDisplayed());
        assertThat(byId(chromium, "who").isDisplayed()).as("the signed-in header after signing out").isFalse();
        assertThat(connection(chromium)).as("the connection after signing out").isEqualTo("signed out");
    }

    /** The patients of the tiles on the page, shown or not, in page order. */
    private static List<String> tiles(Chromium chromium) {
        return chromium.driver().findElements(By.cssSelector("#tiles .tile")).stream()
                .map(tile -> tile.getAttribute("data-patient")).toList();
    }

    /** The pulse values in the Chart.js chart of {@code patient}'s tile, oldest first (empty before the tile exists). */
    @SuppressWarnings("unchecked")
    private static List<Long> chartedPulses(Chromium chromium, String patient) {
        return (List<Long>) chromium.driver().executeScript("""
                const canvas = document.querySelector(`.tile[data-patient='${arguments[0]}'] canvas`);
                const chart = canvas && Chart.getChart(canvas);
                return chart ? chart.data.datasets[0].data : [];
                """, patient);
    }

    /** The texts of the first cells of a table's rows (the user of a session, the number of an audit record). */
    private static List<String> firstColumn(Chromium chromium, String tableId) {
        return cellTexts(chromium, "#" + tableId + " tbody tr td:first-child");
    }

    /**
     * The texts of the cells {@code selector} finds, read in one step in the page: the operations view
     * replaces its rows every few seconds, so cells found one call and read the next may be gone.
     */
    private static List<String> cellTexts(Chromium chromium, String selector) {
        Object texts = chromium.driver().executeScript(
                "return Array.from(document.querySelectorAll(arguments[0]), cell => cell.textContent.trim());", selector);
        return ((List<?>) texts).stream().map(String::valueOf).toList();
    }

    /**
     * Notes every text the element {@code id} shows, in order (each change once; {@link #HIDDEN} while
     * it is hidden), read back with {@link #shown}: polling from the test could miss a short one.
     * Lasts as long as the page: signing out reloads it.
     */
    private static void record(Chromium chromium, String id) {
        record(chromium, id, false);
    }

    /** Notes only whether the element {@code id} is shown ({@link #SHOWN}) or hidden, each change once. */
    private static void recordVisibility(Chromium chromium, String id) {
        record(chromium, id, true);
    }

    private static void record(Chromium chromium, String id, boolean visibilityOnly) {
        chromium.driver().executeScript("""
                const [id, hidden, shown, visibilityOnly] = arguments;
                const element = document.getElementById(id);
                const texts = (window.recorded = window.recorded || {})[id] = [];
                const note = () => {
                  const text = element.hidden ? hidden : visibilityOnly ? shown : element.textContent;
                  if (text !== texts[texts.length - 1]) texts.push(text);
                };
                note();
                new MutationObserver(note).observe(element, visibilityOnly ? { attributes: true }
                    : { childList: true, subtree: true, characterData: true, attributes: true });
                """, id, HIDDEN, SHOWN, visibilityOnly);
    }

    @SuppressWarnings("unchecked")
    private static List<String> shown(Chromium chromium, String id) {
        return (List<String>) chromium.driver().executeScript("return window.recorded[arguments[0]];", id);
    }

    @Test
    @Scenario("L5-24")
    void theDoctorSeesEveryPatientTheIcuNurseHerWardTheAdminOperationsAndSigningOutBringsTheFormBack() throws Exception {
        try (SecureServer server = start(SecuritySettings.forTests(dataDir));
                Chromium chromium = Chromium.start()) {
            int pulse = 60;
            for (String patient : ALL_PATIENTS) {
                publish(server, patient, pulse);
            }
            chromium.driver().get(server.httpUri().toString());
            assertThat(byId(chromium, "who").isDisplayed()).as("the signed-in header before anyone signed in").isFalse();

            // The doctor: every patient.
            signInLive(chromium, DOCTOR);
            chromium.waitUp().withMessage(() -> "the doctor's page to show " + ALL_PATIENTS + "; it shows " + tiles(chromium))
                    .until(page -> tiles(chromium).size() >= ALL_PATIENTS.size());
            assertThat(tiles(chromium)).as("the doctor's tiles").containsExactlyInAnyOrderElementsOf(ALL_PATIENTS);
            assertThat(byId(chromium, "patients").isDisplayed()).as("the doctor's tiles are shown").isTrue();
            assertThat(byId(chromium, "role").getText()).as("the doctor's role in the header").isEqualTo("doctor");
            signOut(chromium);
            assertThat(tiles(chromium)).as("tiles once the doctor signed out").isEmpty();

            // The ICU nurse: her ward only. Her ward's reading is published last: once it is on the
            // page, the other ward's readings, sent before it on the same ordered stream, would be too.
            signInLive(chromium, ICU_NURSE);
            assertThat(byId(chromium, "scope").getText()).as("the nurse's header").isEqualTo("Ward: icu");
            pulse++;
            for (String patient : CARDIOLOGY_PATIENTS) {
                publish(server, patient, pulse);
            }
            publish(server, ICU_PATIENTS.get(0), pulse);
            long icuPulse = pulse;
            chromium.waitUp().withMessage(() -> ICU_PATIENTS.get(0) + "'s chart to reach " + icuPulse + "; it holds "
                            + chartedPulses(chromium, ICU_PATIENTS.get(0)))
                    .until(page -> chartedPulses(chromium, ICU_PATIENTS.get(0)).contains(icuPulse));
            assertThat(tiles(chromium)).as("the ICU nurse's tiles").containsExactlyInAnyOrderElementsOf(ICU_PATIENTS);
            signOut(chromium);

            // A wrong password: the form says so, and nobody is signed in.
            signIn(chromium, DOCTOR.name(), WRONG_PASSWORD);
            chromium.waitUp().withMessage(() -> "the sign-in error to show")
                    .until(page -> byId(chromium, "sign-in-error").isDisplayed());
            assertThat(byId(chromium, "sign-in-error").getText()).as("the sign-in error").isEqualTo(WRONG_CREDENTIALS);
            assertThat(byId(chromium, "sign-in-error").getAttribute("role")).as("the error's role").isEqualTo("alert");
            assertThat(byId(chromium, "who").isDisplayed()).as("the signed-in header after a wrong password").isFalse();

            // The admin: operations, and no patient even though the snapshot would have had all four.
            signInLive(chromium, ADMIN);
            chromium.waitUp().withMessage(() -> "the sessions table to list " + ADMIN.name() + "; it lists "
                            + firstColumn(chromium, "sessions"))
                    .until(page -> firstColumn(chromium, "sessions").contains(ADMIN.name()));
            assertThat(firstColumn(chromium, "audit")).as("audit records in the operations view").isNotEmpty();
            assertThat(cellTexts(chromium, "#audit tbody td")).as("the audit trail shows sign-ins").contains("sign-in");
            assertThat(byId(chromium, "operations").isDisplayed()).as("the operations view").isTrue();
            assertThat(tiles(chromium)).as("the admin's tiles").isEmpty();
            assertThat(byId(chromium, "patients").isDisplayed()).as("the patients' area on the admin's page").isFalse();
            signOut(chromium);
            assertThat(byId(chromium, "operations").isDisplayed()).as("the operations view after signing out").isFalse();
        }
    }

    @Test
    @Scenario("L5-25")
    void whenTheSignInExpiresThePageAsksForANewOneAndSigningInAgainResumesTheStream() throws Exception {
        try (SecureServer server = start(SecuritySettings.forTests(dataDir).withSignInLifetime(SHORT_SIGN_IN));
                Chromium chromium = Chromium.start()) {
            String patient = ALL_PATIENTS.get(0);
            int first = 61;
            publish(server, patient, first);
            chromium.driver().get(server.httpUri().toString());
            for (String id : List.of("connection", "notice", "sign-in-notice")) {
                record(chromium, id);
            }
            recordVisibility(chromium, "patients");

            signIn(chromium, DOCTOR);
            chromium.waitUp().withMessage(() -> "the page to say '" + EXPIRED + "' once the sign-in expires; it showed "
                            + shown(chromium, "sign-in-notice"))
                    .until(page -> shown(chromium, "sign-in-notice").contains(EXPIRED));
            assertThat(byId(chromium, "sign-in").isDisplayed()).as("the sign-in form after the expiry").isTrue();
            assertThat(byId(chromium, "patients").isDisplayed()).as("the tiles after the expiry").isFalse();
            assertThat(shown(chromium, "patients")).as("the tiles, shown then hidden").containsSubsequence(HIDDEN, SHOWN, HIDDEN);
            assertThat(chartedPulses(chromium, patient)).as("%s's chart while signed in", patient).containsExactly((long) first);
            assertThat(shown(chromium, "connection")).as("what the connection said, oldest first")
                    .containsSubsequence("live", "signed out").last().isEqualTo("signed out");

            int last = first + PUBLISHED_WHILE_SIGNED_OUT;
            for (int pulse = first + 1; pulse <= last; pulse++) {
                publish(server, patient, pulse);
            }
            // Not awaited beyond this: the new sign-in expires too, and the recorders keep what was shown.
            signIn(chromium, DOCTOR);
            List<Long> expected = LongStream.rangeClosed(first, last).boxed().toList();
            chromium.waitUp().withMessage(() -> patient + "'s chart to hold " + expected + " after signing in again; it holds "
                            + chartedPulses(chromium, patient) + "; the connection said " + shown(chromium, "connection"))
                    .until(page -> chartedPulses(chromium, patient).size() >= expected.size());
            assertThat(chartedPulses(chromium, patient)).as("%s's chart, oldest first", patient).containsExactlyElementsOf(expected);
            assertThat(shown(chromium, "connection")).as("what the connection said, oldest first")
                    .containsSubsequence("live", "signed out", "live");
            assertThat(shown(chromium, "patients")).as("the tiles: shown, hidden while signed out, shown again")
                    .containsSubsequence(HIDDEN, SHOWN, HIDDEN, SHOWN);
            assertThat(shown(chromium, "notice")).as("Lab 4's notice: the resume lost nothing")
                    .noneMatch(text -> text.startsWith(NOT_RECOVERED));
        }
    }
}
