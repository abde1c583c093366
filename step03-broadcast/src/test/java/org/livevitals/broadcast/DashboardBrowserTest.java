package org.livevitals.broadcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.livevitals.testkit.Chromium;
import org.livevitals.testkit.Scenario;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import tools.jackson.databind.json.JsonMapper;

/** Lab 3's dashboard scenarios in a real headless Chromium. */
class DashboardBrowserTest {

    /** Short, so a stale tile is seen within a fast test. */
    private static final Duration STALE_AFTER = Duration.ofSeconds(1);
    /** A trend is a line: at least two points in the chart's first dataset (pulse). */
    private static final int MIN_TREND_POINTS = 2;
    /** How a stale tile's status starts. */
    private static final String STALE = "stale: no data for";
    private static final Pattern STALE_SECONDS = Pattern.compile(Pattern.quote(STALE) + " (\\d+) s");
    /** How much earlier the out-of-order reading of L3-17 was measured. */
    private static final Duration OLDER_BY = Duration.ofSeconds(5);
    /**
     * L3-17 lets the tile's stale count reach this before the older reading arrives: had that
     * reading counted as news, the count would start again at 1 s, visibly lower.
     */
    private static final int SILENT_SECONDS_BEFORE_OLDER = 2;
    /** A time no browser can read: JavaScript's Date ends in the year 275760, and its parser wants six digits past 9999. */
    private static final String UNREADABLE_TIME = "+10000-01-01T00:00:00Z";
    private static final String UNREADABLE = "measured at an unreadable time";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static void open(Chromium chromium, MonitorServer server) {
        chromium.driver().get(server.httpUri().toString());
        chromium.waitUp().until(ExpectedConditions.textToBe(By.id("connection"), "live"));
    }

    private static WebElement tile(Chromium chromium, String patient) {
        return chromium.waitUp().until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector(".tile[data-patient='" + patient + "']")));
    }

    private static String text(WebElement tile, String className) {
        return tile.findElement(By.className(className)).getText();
    }

    private static void post(MonitorServer server, String body) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(server.httpUri().resolve("/api/readings"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("POST status, body %s", response.body()).isEqualTo(202);
    }

    /** A {@code POST /api/readings} body measured at {@code time}. */
    private static String postBody(String patient, Instant time, int pulse) {
        return "{\"patient\":\"" + patient + "\",\"time\":\"" + time + "\",\"heartRate\":" + pulse
                + ",\"spo2\":97,\"temperature\":37.0,\"systolic\":120,\"diastolic\":80,\"respiratoryRate\":16}";
    }

    /** A {@code reading} message as the server sends it, with {@code time} as given. */
    private static String readingMessage(String patient, String time, int pulse) {
        return "{\"type\":\"reading\",\"patient\":\"" + patient + "\",\"time\":\"" + time + "\",\"vitals\":{"
                + "\"heartRate\":{\"value\":" + pulse + ",\"unit\":\"beats/min\"},\"spo2\":{\"value\":97,\"unit\":\"%\"},"
                + "\"temperature\":{\"value\":37.0,\"unit\":\"°C\"},"
                + "\"bloodPressure\":{\"systolic\":120,\"diastolic\":80,\"unit\":\"mmHg\"},"
                + "\"respiratoryRate\":{\"value\":16,\"unit\":\"breaths/min\"}}}";
    }

    /**
     * Hands {@code messages} to the page's own message handling, as if the server had sent them:
     * {@code receive} is an export of the dashboard.js module, which an import gets without loading it again.
     */
    private static void receive(Chromium chromium, String... messages) {
        Object failure = chromium.driver().executeAsyncScript("""
                const [texts, done] = arguments;
                import('/dashboard.js').then(page => texts.forEach(text => page.receive(JSON.parse(text))))
                    .then(() => done(null), failure => done(String(failure)));
                """, List.of(messages));
        assertThat(failure).as("what the page made of %s", List.of(messages)).isNull();
    }

    /**
     * Installs a recorder on the page that notes every text the {@code className} element of
     * {@code patient}'s tile shows, in order (each change once), read back with {@link #shown}. It
     * sees each change the browser makes, however busy the machine, where polling from the test
     * could miss a short one.
     */
    private static void record(Chromium chromium, String patient, String className) {
        chromium.driver().executeScript("""
                const [patient, className] = arguments;
                const texts = (window.recorded = window.recorded || {})[`${patient} ${className}`] = [];
                new MutationObserver(() => {
                  const element = document.querySelector(`.tile[data-patient='${patient}'] .${className}`);
                  if (element && element.textContent !== texts[texts.length - 1]) texts.push(element.textContent);
                }).observe(document.getElementById('tiles'), { childList: true, subtree: true, characterData: true });
                """, patient, className);
    }

    /** The texts recorded since {@link #record}, oldest first. */
    @SuppressWarnings("unchecked")
    private static List<String> shown(Chromium chromium, String patient, String className) {
        return (List<String>) chromium.driver().executeScript(
                "return window.recorded[arguments[0] + ' ' + arguments[1]];", patient, className);
    }

    /** The pulse points in the Chart.js chart on {@code tile}'s canvas, or a reason why there is none. */
    private static Object trendPoints(Chromium chromium, WebElement tile) {
        return chromium.driver().executeScript("""
                const chart = window.Chart && Chart.getChart(arguments[0]);
                return chart ? chart.data.datasets[0].data.length : 'no Chart.js chart on this canvas';
                """, tile.findElement(By.tagName("canvas")));
    }

    /** The N of each {@code stale: no data for N s} in {@code statuses}, in order. */
    private static List<Integer> staleSeconds(List<String> statuses) {
        return statuses.stream().map(STALE_SECONDS::matcher).filter(Matcher::matches)
                .map(m -> Integer.valueOf(m.group(1))).toList();
    }

    /** {@code statuses} (oldest first) are {@code live}, then only {@code stale: no data for ...}. */
    private static void assertLiveThenStale(List<String> statuses, String patient) {
        int firstStale = IntStream.range(0, statuses.size())
                .filter(i -> statuses.get(i).startsWith(STALE)).findFirst().orElse(statuses.size());
        assertThat(statuses.subList(0, firstStale)).as("statuses %s's tile showed before %s..., of %s", patient, STALE, statuses)
                .isNotEmpty().containsOnly("live");
        assertThat(statuses.subList(firstStale, statuses.size())).as("statuses %s's tile showed from the first %s..., of %s",
                patient, STALE, statuses).isNotEmpty().allMatch(status -> status.startsWith(STALE));
    }

    @Test
    @Scenario("L3-10")
    void dashboardUpdatesLiveAndShowsAPostedReading() throws Exception {
        MonitorSettings settings = MonitorSettings.forTests().withSimulatedPatients(2, Duration.ofMillis(300));
        try (MonitorServer server = new MonitorServer(settings, Clock.systemUTC()).start();
                Chromium chromium = Chromium.start()) {
            open(chromium, server);

            WebElement p001 = tile(chromium, "P001");
            tile(chromium, "P002");
            Set<String> times = new HashSet<>();
            chromium.waitUp().until(page -> {
                times.add(text(p001, "time"));
                return times.size() >= 3; // the tile changed at least twice while we watched
            });
            assertThat(text(p001, "pulse")).as("P001 pulse on the page").matches("\\d{2,3}");
            Object trendPoints = trendPoints(chromium, p001);
            assertThat(trendPoints).as("points in P001's trend chart").isInstanceOf(Long.class);
            assertThat((Long) trendPoints).as("points in P001's trend chart").isGreaterThanOrEqualTo(MIN_TREND_POINTS);

            post(server, "{\"patient\":\"P042\",\"heartRate\":88,\"spo2\":95,\"temperature\":38.1,"
                    + "\"systolic\":130,\"diastolic\":85,\"respiratoryRate\":18}");

            WebElement p042 = tile(chromium, "P042");
            chromium.waitUp().until(ExpectedConditions.textToBePresentInElement(p042.findElement(By.className("pulse")), "88"));
            assertThat(text(p042, "bp")).isEqualTo("130/85");
        }
    }

    @Test
    @Scenario("L3-11")
    void patientWhoseDeviceStopsIsShownAsStale() throws Exception {
        MonitorSettings settings = MonitorSettings.forTests().withStaleAfter(STALE_AFTER);
        try (MonitorServer server = new MonitorServer(settings, Clock.systemUTC()).start();
                Chromium chromium = Chromium.start()) {
            open(chromium, server);
            record(chromium, "P050", "status");

            post(server, "{\"patient\":\"P050\",\"heartRate\":70,\"spo2\":98,\"temperature\":36.9,"
                    + "\"systolic\":118,\"diastolic\":76,\"respiratoryRate\":14}");
            WebElement p050 = tile(chromium, "P050");
            chromium.waitUp().until(ExpectedConditions.attributeContains(p050, "class", "stale"));

            assertLiveThenStale(shown(chromium, "P050", "status"), "P050");
        }
    }

    @Test
    @Scenario("L3-17")
    void newestMeasurementWinsOnTheOpenPageANewPageAndTheApi() throws Exception {
        MonitorSettings settings = MonitorSettings.forTests().withStaleAfter(STALE_AFTER);
        try (MonitorServer server = new MonitorServer(settings, Clock.systemUTC()).start();
                Chromium chromium = Chromium.start()) {
            open(chromium, server);
            record(chromium, "P060", "status");
            Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);

            post(server, postBody("P060", now, 80));
            WebElement p060 = tile(chromium, "P060");
            chromium.waitUp().until(page -> staleSeconds(shown(chromium, "P060", "status")).stream()
                    .anyMatch(seconds -> seconds >= SILENT_SECONDS_BEFORE_OLDER));
            Object pointsBefore = trendPoints(chromium, p060);

            post(server, postBody("P060", now.minus(OLDER_BY), 70));
            post(server, postBody("P061", now, 75)); // a page receives readings in order: once P061 shows, so has P060's
            tile(chromium, "P061");
            int statusesBefore = shown(chromium, "P060", "status").size();
            chromium.waitUp().until(page -> shown(chromium, "P060", "status").size() > statusesBefore);

            assertThat(text(p060, "pulse")).as("P060 pulse on the open page after an older reading").isEqualTo("80");
            assertThat(trendPoints(chromium, p060)).as("points in P060's trend chart after an older reading").isEqualTo(pointsBefore);
            List<String> statuses = shown(chromium, "P060", "status");
            assertLiveThenStale(statuses, "P060"); // an older reading is not news: it does not make the tile live again,
            assertThat(staleSeconds(statuses)).as("P060's stale count, from %s", statuses).isSorted(); // nor restart the count

            open(chromium, server);
            assertThat(text(tile(chromium, "P060"), "pulse")).as("P060 pulse on a freshly opened page").isEqualTo("80");

            HttpResponse<String> patients = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(server.httpUri().resolve("/api/patients")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(JSON.readTree(patients.body()).valueStream()
                    .filter(reading -> reading.path("patient").asString().equals("P060"))
                    .map(reading -> reading.path("vitals").path("heartRate").path("value").asInt()))
                    .as("P060 pulse in GET /api/patients: %s", patients.body()).containsExactly(80);
        }
    }

    @Test
    void unreadableTimeIsShownAsSuchAndTheTileGoesStaleByArrival() throws Exception {
        try (MonitorServer server = new MonitorServer(MonitorSettings.forTests(), Clock.systemUTC()).start();
                Chromium chromium = Chromium.start()) {
            open(chromium, server);
            for (String patient : List.of("P070", "P071")) {
                record(chromium, patient, "status");
                record(chromium, patient, "time");
            }

            // P070 in a snapshot, where freshness starts from the measurement time; P071 live.
            receive(chromium,
                    "{\"type\":\"snapshot\",\"staleAfterMs\":" + STALE_AFTER.toMillis() + ",\"readings\":["
                            + readingMessage("P070", UNREADABLE_TIME, 70) + "]}",
                    readingMessage("P071", UNREADABLE_TIME, 71));
            WebElement p070 = tile(chromium, "P070");
            WebElement p071 = tile(chromium, "P071");
            chromium.waitUp().until(ExpectedConditions.attributeContains(p071, "class", "stale"));

            assertThat(p070.getAttribute("class")).as("P070's classes, a snapshot reading of unknown age").contains("stale");
            assertThat(shown(chromium, "P070", "status")).as("statuses of P070, a snapshot reading of unknown age")
                    .containsExactly("stale: age unknown");
            assertLiveThenStale(shown(chromium, "P071", "status"), "P071");
            for (String patient : List.of("P070", "P071")) {
                assertThat(shown(chromium, patient, "time")).as("times %s's tile showed", patient).containsExactly(UNREADABLE);
            }
            assertThat(text(p070, "pulse")).as("P070 pulse").isEqualTo("70");
            assertThat(text(p071, "pulse")).as("P071 pulse").isEqualTo("71");
        }
    }

    @Test
    void aReadableTimeReplacesAnUnreadableOneAndNeverTheOtherWayRound() throws Exception {
        try (MonitorServer server = new MonitorServer(MonitorSettings.forTests(), Clock.systemUTC()).start();
                Chromium chromium = Chromium.start()) {
            open(chromium, server);
            String anHourAgo = Instant.now().truncatedTo(ChronoUnit.MILLIS).minus(Duration.ofHours(1)).toString();

            receive(chromium, readingMessage("P072", UNREADABLE_TIME, 50), readingMessage("P072", anHourAgo, 90));
            WebElement p072 = tile(chromium, "P072");
            assertThat(text(p072, "pulse")).as("P072 pulse after an unreadable time, then one an hour ago").isEqualTo("90");

            receive(chromium, readingMessage("P072", UNREADABLE_TIME, 60));
            assertThat(text(p072, "pulse")).as("P072 pulse after an unreadable time arrives last").isEqualTo("90");
            assertThat(text(p072, "time")).as("P072 time").startsWith("measured ").isNotEqualTo(UNREADABLE);
        }
    }
}
