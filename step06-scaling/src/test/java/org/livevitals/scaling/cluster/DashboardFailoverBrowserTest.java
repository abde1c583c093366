package org.livevitals.scaling.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.livevitals.testkit.Chromium;
import org.livevitals.testkit.Scenario;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Lab 6: the dashboard in a real headless Chromium, opened at nginx's address: when the node holding its
 * session crashes, the page reconnects by itself (Lab 4's connection, Lab 5's fresh ticket), nginx sends it
 * to the node that is left, and the chart misses no reading, not even the one sent while it was cut off.
 */
// Two or three JVMs start on a shared two-core machine (up to a minute and a half under load): more than
// the default two minutes, still bounded.
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class DashboardFailoverBrowserTest {

    /** On the ICU: the doctor sees it. */
    private static final String PATIENT = "P001";
    private static final int BEFORE = 70;
    private static final int DURING = 71;
    private static final int AFTER = 72;
    /** Lab 4's notice after a resume the server could not fill. */
    private static final String NOT_RECOVERED = "Readings were missed and could not be recovered";
    private static final String LIVE = "live";
    private static final String HIDDEN = "(hidden)";

    @TempDir
    Path dataDir;

    @Test
    @Scenario("L6-17")
    void theDashboardFailsOverInRealChromium() throws Exception {
        try (NginxCluster cluster = NginxCluster.start(dataDir, "n1", "n2");
             Chromium chromium = Chromium.start()) {
            String doctor = cluster.signIn(NginxCluster.DOCTOR);
            String admin = cluster.signIn(NginxCluster.ADMIN);
            chromium.driver().get(cluster.entry().toString());
            signIn(chromium, NginxCluster.DOCTOR);
            chromium.waitUp().withMessage(() -> "the page to say live; it says " + connection(chromium))
                    .until(page -> LIVE.equals(connection(chromium)));
            record(chromium, "connection");
            record(chromium, "notice");

            cluster.publish(doctor, PATIENT, BEFORE);
            chromium.waitUp().withMessage(() -> "the chart to show pulse " + BEFORE + "; it has " + chartedPulses(chromium))
                    .until(page -> chartedPulses(chromium).contains((long) BEFORE));

            String holder = cluster.sessionsOn("n1", admin) == 1 ? "n1" : "n2";
            String other = holder.equals("n1") ? "n2" : "n1";
            assertThat(cluster.sessionsOn(holder, admin)).as("the page's session on %s", holder).isEqualTo(1);
            cluster.kill(holder);
            chromium.waitUp().withMessage(() -> "the page to notice the crash; the connection said " + shown(chromium, "connection"))
                    .until(page -> !LIVE.equals(connection(chromium)));
            cluster.publish(doctor, PATIENT, DURING);

            chromium.waitUp().withMessage(() -> "the page to be live again; the connection said " + shown(chromium, "connection"))
                    .until(page -> LIVE.equals(connection(chromium)));
            cluster.publish(doctor, PATIENT, AFTER);
            chromium.waitUp().withMessage(() -> "the chart to show every pulse; it has " + chartedPulses(chromium)
                            + "; the connection said " + shown(chromium, "connection"))
                    .until(page -> chartedPulses(chromium).contains((long) AFTER));

            assertThat(chartedPulses(chromium)).as("the pulses on the chart, oldest first")
                    .containsExactly((long) BEFORE, (long) DURING, (long) AFTER);
            assertThat(cluster.sessionsOn(other, admin)).as("the page's session on %s, the node left", other).isEqualTo(1);
            assertThat(shown(chromium, "notice")).as("Lab 4's notice: the resume lost nothing")
                    .noneMatch(text -> text.startsWith(NOT_RECOVERED));
        }
    }

    private static WebElement byId(Chromium chromium, String id) {
        return chromium.driver().findElement(By.id(id));
    }

    private static String connection(Chromium chromium) {
        return byId(chromium, "connection").getText();
    }

    private static void signIn(Chromium chromium, NginxCluster.User user) {
        chromium.waitUp().withMessage(() -> "the sign-in form to show").until(page -> byId(chromium, "sign-in").isDisplayed());
        byId(chromium, "username").sendKeys(user.name());
        byId(chromium, "password").sendKeys(user.password());
        chromium.driver().findElement(By.cssSelector("#sign-in button[type=submit]")).click();
    }

    /** The pulse values in the Chart.js chart of {@link #PATIENT}'s tile, oldest first (empty before the tile exists). */
    @SuppressWarnings("unchecked")
    private static List<Long> chartedPulses(Chromium chromium) {
        return (List<Long>) chromium.driver().executeScript("""
                const canvas = document.querySelector(`.tile[data-patient='${arguments[0]}'] canvas`);
                const chart = canvas && Chart.getChart(canvas);
                return chart ? chart.data.datasets[0].data : [];
                """, PATIENT);
    }

    /** Notes every text the element {@code id} shows, in order, so a short-lived one is not missed by polling. */
    private static void record(Chromium chromium, String id) {
        chromium.driver().executeScript("""
                const [id, hidden] = arguments;
                const element = document.getElementById(id);
                const texts = (window.recorded = window.recorded || {})[id] = [];
                const note = () => {
                  const text = element.hidden ? hidden : element.textContent;
                  if (text !== texts[texts.length - 1]) texts.push(text);
                };
                note();
                new MutationObserver(note).observe(element, { childList: true, subtree: true, characterData: true, attributes: true });
                """, id, HIDDEN);
    }

    @SuppressWarnings("unchecked")
    private static List<String> shown(Chromium chromium, String id) {
        return (List<String>) chromium.driver().executeScript("return window.recorded[arguments[0]];", id);
    }
}
