package org.livevitals.reconnect;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.livevitals.broadcast.MonitorServer;
import org.livevitals.broadcast.MonitorSettings;
import org.livevitals.rawsockets.VitalSigns;
import org.livevitals.testkit.Chromium;
import org.livevitals.testkit.Scenario;
import org.livevitals.testkit.TcpFaultProxy;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Lab 4's dashboard, which reconnects and resumes, in a real headless Chromium. */
class DashboardReconnectBrowserTest {

    /** Heartbeats every 200 ms: a dead connection is found in well under a second. */
    private static final ResumeSettings RESUME = ResumeSettings.forTests();
    /** Any free port, for a first server; its restart takes the same one. */
    private static final int ANY_PORT = 0;
    private static final String PATIENT = "P001";
    /** L4-13: readings published while the connection is cut. */
    private static final int MISSED = 5;

    /** What the recorder notes while an element is hidden. */
    private static final String HIDDEN = "(hidden)";
    /** How the banner starts while the page waits for its next attempt. */
    private static final String LOST = "connection lost — ";
    private static final Pattern COUNTDOWN = Pattern.compile(Pattern.quote(LOST) + "reconnecting in (\\d+) s \\(attempt (\\d+)\\)");
    private static final String NOT_RECOVERED = "Readings were missed and could not be recovered: ";
    /**
     * How long the server may stay down while the test waits for the banner to count one second
     * down. Each retry waits a random time up to its ceiling (0.5 s, 1 s, 2 s, ...), and only a wait
     * over a second shows a tick, so this takes a few retries: usually a few seconds, rarely ten.
     */
    private static final Duration COUNTDOWN_PATIENCE = Duration.ofSeconds(60);
    /**
     * How long the page may take to be live again once the server can be reached: its retry may
     * have just started a wait as long as the backoff's cap (30 s, {@link Backoff#DEFAULT}).
     */
    private static final Duration RECONNECT_PATIENCE = Backoff.DEFAULT.cap().plus(Chromium.PATIENCE);

    private static MonitorServer start(int port) throws Exception {
        return ResumeServer.newServer(MonitorSettings.forTests().withPorts(port, ANY_PORT), RESUME, Clock.systemUTC()).start();
    }

    private static String epoch(MonitorServer server) {
        return ((ResumableStream) server.stream()).history().epoch();
    }

    /** Publishes one reading for {@link #PATIENT} measured now, as a device would. */
    private static void publish(MonitorServer server, int pulse) {
        server.stream().onReading(new VitalSigns(PATIENT, Instant.now(), pulse, 97, 37.0, 120, 80, 16));
    }

    private static void open(Chromium chromium, String url) {
        chromium.driver().get(url);
        awaitLive(chromium, Chromium.PATIENCE);
    }

    private static void awaitLive(Chromium chromium, Duration patience) {
        new WebDriverWait(chromium.driver(), patience).withMessage(() -> "the connection to say live; it says "
                        + chromium.driver().findElement(By.id("connection")).getText())
                .until(ExpectedConditions.textToBe(By.id("connection"), "live"));
    }

    /**
     * Installs a recorder on the page that notes every text the element {@code id} shows, in order
     * (each change once; {@link #HIDDEN} while it is hidden), read back with {@link #shown}. It sees
     * each change the browser makes, where polling from the test could miss a short one.
     */
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

    /** The texts recorded since {@link #record}, oldest first. */
    @SuppressWarnings("unchecked")
    private static List<String> shown(Chromium chromium, String id) {
        return (List<String>) chromium.driver().executeScript("return window.recorded[arguments[0]];", id);
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

    private static void awaitChartedPulses(Chromium chromium, List<Long> expected) {
        chromium.waitUp().withMessage(() -> PATIENT + "'s chart to hold the pulses " + expected + "; it holds "
                        + chartedPulses(chromium, PATIENT))
                .until(page -> chartedPulses(chromium, PATIENT).size() >= expected.size());
        assertThat(chartedPulses(chromium, PATIENT)).as("pulses in %s's chart, oldest first", PATIENT)
                .containsExactlyElementsOf(expected);
    }

    /**
     * Whether {@code banner} (texts oldest first) counted down: two texts in a row for the same
     * attempt, the second one second lower.
     */
    private static boolean countedDown(List<String> banner) {
        return IntStream.range(1, banner.size()).anyMatch(i -> {
            Matcher before = COUNTDOWN.matcher(banner.get(i - 1));
            Matcher after = COUNTDOWN.matcher(banner.get(i));
            return before.matches() && after.matches() && before.group(2).equals(after.group(2))
                    && Integer.parseInt(after.group(1)) == Integer.parseInt(before.group(1)) - 1;
        });
    }

    @Test
    @Scenario("L4-11")
    void bannerCountsDownWhileTheServerIsDownThenThePageGoesOnWithTheNewServerAndSaysWhatWasLost() throws Exception {
        try (Chromium chromium = Chromium.start()) {
            MonitorServer first = start(ANY_PORT);
            int port = first.port();
            String firstEpoch;
            try {
                open(chromium, first.httpUri().toString());
                for (String id : List.of("banner", "notice", "connection")) {
                    record(chromium, id);
                }
                publish(first, 61);
                publish(first, 62);
                awaitChartedPulses(chromium, List.of(61L, 62L));
                firstEpoch = epoch(first);
            } finally {
                first.close();
            }

            new WebDriverWait(chromium.driver(), COUNTDOWN_PATIENCE)
                    .withMessage(() -> "the banner to count down while the server is down, such as '"
                            + "connection lost — reconnecting in 2 s (attempt 3)' then '... 1 s (attempt 3)'; it showed "
                            + shown(chromium, "banner"))
                    .until(page -> countedDown(shown(chromium, "banner")));
            assertThat(shown(chromium, "connection")).as("what the connection said, oldest first").containsSubsequence("live", "reconnecting");
            assertThat(shown(chromium, "notice")).as("the notice while the server is down").containsOnly(HIDDEN);

            try (MonitorServer second = start(port)) {
                awaitLive(chromium, RECONNECT_PATIENCE);
                String reason = "epoch " + firstEpoch + " is not this stream's (" + epoch(second)
                        + "): the server restarted and its numbers started again";
                chromium.waitUp().withMessage(() -> "the notice to say '" + NOT_RECOVERED + reason + "'; it showed "
                                + shown(chromium, "notice"))
                        .until(page -> shown(chromium, "notice").contains(NOT_RECOVERED + reason));
                assertThat(shown(chromium, "banner")).as("the banner, oldest first").last().isEqualTo(HIDDEN);

                publish(second, 63);
                publish(second, 64);
                awaitChartedPulses(chromium, List.of(61L, 62L, 63L, 64L));
                assertThat(shown(chromium, "connection")).as("what the connection said, oldest first").last().isEqualTo("live");
                WebElement notice = chromium.driver().findElement(By.id("notice"));
                assertThat(notice.isDisplayed()).as("the notice is still shown, with the new server's readings").isTrue();
            }
        }
    }

    @Test
    @Scenario("L4-13")
    void afterACutThePageResumesWithoutANoticeAndChartsEveryReadingPublishedMeanwhile() throws Exception {
        try (MonitorServer server = start(ANY_PORT);
                TcpFaultProxy proxy = TcpFaultProxy.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
                Chromium chromium = Chromium.start()) {
            open(chromium, "http://localhost:" + proxy.port() + "/");
            for (String id : List.of("banner", "notice", "connection")) {
                record(chromium, id);
            }
            publish(server, 61);
            publish(server, 62);
            awaitChartedPulses(chromium, List.of(61L, 62L));

            proxy.cut();
            chromium.waitUp().withMessage(() -> "the banner to show once the connection is cut; it showed "
                            + shown(chromium, "banner"))
                    .until(page -> shown(chromium, "banner").stream().anyMatch(text -> text.startsWith(LOST)));
            for (int pulse = 63; pulse < 63 + MISSED; pulse++) {
                publish(server, pulse);
            }
            proxy.restore();

            awaitLive(chromium, RECONNECT_PATIENCE);
            awaitChartedPulses(chromium, LongStream.range(61, 63 + MISSED).boxed().toList());
            assertThat(shown(chromium, "banner")).as("the banner, oldest first").last().isEqualTo(HIDDEN);
            assertThat(shown(chromium, "connection")).as("what the connection said, oldest first")
                    .containsSubsequence("live", "reconnecting", "live").last().isEqualTo("live");
            assertThat(shown(chromium, "notice")).as("the notice, after a gap the server could fill").containsOnly(HIDDEN);
        }
    }

    /**
     * The watchdog: a blackholed connection stays open and says nothing, and the browser cannot see
     * the server's pings, so only the missing heartbeats show it is dead. (L4-05 proves the same of
     * the Java client.)
     */
    @Test
    void aSilentConnectionIsCutByTheWatchdogAndResumedOnceTrafficFlows() throws Exception {
        try (MonitorServer server = start(ANY_PORT);
                TcpFaultProxy proxy = TcpFaultProxy.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.port()));
                Chromium chromium = Chromium.start()) {
            open(chromium, "http://localhost:" + proxy.port() + "/");
            for (String id : List.of("banner", "notice")) {
                record(chromium, id);
            }
            publish(server, 61);
            awaitChartedPulses(chromium, List.of(61L));

            proxy.blackhole();
            chromium.waitUp().withMessage(() -> "the banner to show once the connection is silent; it showed "
                            + shown(chromium, "banner"))
                    .until(page -> shown(chromium, "banner").stream().anyMatch(text -> text.startsWith(LOST)));
            publish(server, 62);
            publish(server, 63);
            proxy.restore();

            awaitLive(chromium, RECONNECT_PATIENCE);
            awaitChartedPulses(chromium, List.of(61L, 62L, 63L));
            assertThat(shown(chromium, "notice")).as("the notice, after a gap the server could fill").containsOnly(HIDDEN);
        }
    }
}
