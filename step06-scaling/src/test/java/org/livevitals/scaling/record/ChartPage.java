package org.livevitals.scaling.record;

import java.net.URI;
import java.util.List;
import org.livevitals.testkit.Chromium;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * Lab 5's page in a real Chromium, as the trend scenarios see it: sign in, reload, and what a patient's
 * tile holds: the points of its Chart.js chart (read from the chart itself, oldest first) and the note
 * the page puts under it when the last hour could not be loaded.
 */
final class ChartPage {

    /** A demo user (Lab 5's Users.demo()). */
    record User(String name, String password) {}

    static final User DOCTOR = new User("dr.lee", "doctor-demo");

    private final Chromium chromium;
    private final URI address;

    ChartPage(Chromium chromium, URI address) {
        this.chromium = chromium;
        this.address = address;
    }

    Chromium chromium() {
        return chromium;
    }

    /** Opens the page and signs in through its form. */
    void openAndSignIn(User user) {
        chromium.driver().get(address.toString());
        chromium.waitUp().withMessage(() -> "the sign-in form to show").until(page -> byId("sign-in").isDisplayed());
        byId("username").sendKeys(user.name());
        byId("password").sendKeys(user.password());
        chromium.driver().findElement(By.cssSelector("#sign-in button[type=submit]")).click();
        awaitLive();
    }

    /** Reloads the page, as a user pressing F5 would: the sign-in is kept for the tab (sessionStorage). */
    void reload() {
        chromium.driver().navigate().refresh();
        awaitLive();
    }

    private void awaitLive() {
        chromium.waitUp().withMessage(() -> "the page to say live; it says " + byId("connection").getText())
                .until(page -> "live".equals(byId("connection").getText()));
    }

    /** The pulse values on the patient's chart, oldest first; empty before the tile exists. */
    List<Long> pulses(String patient) {
        return chartData(patient, "chart.data.datasets[0].data");
    }

    /** The SpO2 values on the patient's chart, oldest first. */
    List<Long> spo2s(String patient) {
        return chartData(patient, "chart.data.datasets[1].data");
    }

    /** The times on the patient's chart (its labels), oldest first, as the page holds them (ISO text). */
    List<String> times(String patient) {
        return chartData(patient, "chart.data.labels");
    }

    @SuppressWarnings("unchecked")
    private <T> List<T> chartData(String patient, String expression) {
        return (List<T>) chromium.driver().executeScript("""
                const tile = [...document.querySelectorAll('#tiles .tile')].find(tile => tile.dataset.patient === arguments[0]);
                const chart = tile && Chart.getChart(tile.querySelector('canvas'));
                return chart ? [...%s] : [];
                """.formatted(expression), patient);
    }

    /** The note under the patient's chart, or an empty text when there is none. */
    String note(String patient) {
        return (String) chromium.driver().executeScript("""
                const tile = [...document.querySelectorAll('#tiles .tile')].find(tile => tile.dataset.patient === arguments[0]);
                const note = tile && tile.querySelector('.history-note');
                return note ? note.textContent : '';
                """, patient);
    }

    private WebElement byId(String id) {
        return chromium.driver().findElement(By.id(id));
    }
}
