package org.livevitals.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.livevitals.testkit.Chromium;
import org.livevitals.testkit.Scenario;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** Lab 3's dashboard scenarios in a real headless Chromium. */
class DashboardBrowserTest {

    private static WebElement tile(Chromium chromium, String patient) {
        return chromium.waitUp().until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(".tile[data-patient='" + patient + "']")));
    }

    private static void post(MonitorServer server, String body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(server.httpUri().resolve("/api/readings"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("POST status, body %s", response.body()).isEqualTo(202);
    }

    @Test
    @Scenario("L3-10")
    void dashboardUpdatesLiveAndShowsAPostedReading() throws Exception {
        MonitorSettings settings = MonitorSettings.forTests().withSimulatedPatients(2, Duration.ofMillis(300));
        try (MonitorServer server = new MonitorServer(settings, Clock.systemUTC()).start();
                Chromium chromium = Chromium.start()) {
            chromium.driver().get(server.httpUri().toString());
            chromium.waitUp().until(ExpectedConditions.textToBe(By.id("connection"), "live"));

            WebElement p001 = tile(chromium, "P001");
            tile(chromium, "P002");
            Set<String> times = new HashSet<>();
            chromium.waitUp().until(page -> {
                times.add(p001.findElement(By.className("time")).getText());
                return times.size() >= 3; // the tile changed at least twice while we watched
            });
            assertThat(p001.findElement(By.className("pulse")).getText()).as("P001 pulse on the page").matches("\\d{2,3}");
            assertThat(p001.findElements(By.tagName("canvas"))).as("P001 trend chart").hasSize(1);

            post(server, "{\"patient\":\"P042\",\"heartRate\":88,\"spo2\":95,\"temperature\":38.1,"
                    + "\"systolic\":130,\"diastolic\":85,\"respiratoryRate\":18}");

            WebElement p042 = tile(chromium, "P042");
            chromium.waitUp().until(ExpectedConditions.textToBePresentInElement(p042.findElement(By.className("pulse")), "88"));
            assertThat(p042.findElement(By.className("bp")).getText()).isEqualTo("130/85");
        }
    }

    @Test
    @Scenario("L3-11")
    void patientWhoseDeviceStopsIsShownAsStale() throws Exception {
        MonitorSettings settings = MonitorSettings.forTests().withStaleAfter(Duration.ofSeconds(1));
        try (MonitorServer server = new MonitorServer(settings, Clock.systemUTC()).start();
                Chromium chromium = Chromium.start()) {
            chromium.driver().get(server.httpUri().toString());
            chromium.waitUp().until(ExpectedConditions.textToBe(By.id("connection"), "live"));

            post(server, "{\"patient\":\"P050\",\"heartRate\":70,\"spo2\":98,\"temperature\":36.9,"
                    + "\"systolic\":118,\"diastolic\":76,\"respiratoryRate\":14}");
            WebElement p050 = tile(chromium, "P050");
            assertThat(p050.findElement(By.className("status")).getText()).as("status right after a reading").isEqualTo("live");

            chromium.waitUp().until(ExpectedConditions.attributeContains(p050, "class", "stale"));
            assertThat(p050.findElement(By.className("status")).getText()).startsWith("stale: no data for");
        }
    }
}
