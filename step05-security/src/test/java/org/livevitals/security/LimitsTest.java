package org.livevitals.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.livevitals.security.SecureFixture.DOCTOR;
import static org.livevitals.security.SecureFixture.ICU_PATIENT;

import java.nio.file.Path;
import java.time.Duration;
import org.eclipse.jetty.websocket.api.Callback;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livevitals.broadcast.MonitorServer;
import org.livevitals.reconnect.ResumeSettings;
import org.livevitals.testkit.Scenario;
import org.livevitals.testkit.WebSocketRecorder;
import tools.jackson.databind.JsonNode;

/** Lab 5's abuse limits: a flood, an oversized message and nonsense each cost only their sender. */
class LimitsTest {

    /** L5-16: far beyond the burst a session may send at once. */
    private static final int FLOOD = 100;
    private static final String GET_SNAPSHOT = "{\"type\":\"get-snapshot\"}";
    /** L5-17: sixteen times the largest message a dashboard may send. */
    private static final int OVERSIZED = 16 * MonitorServer.MAX_DASHBOARD_MESSAGE_BYTES;
    /** Readings published after the misbehaving client, which the well-behaved one must all receive. */
    private static final int AFTERWARDS = 5;

    @TempDir
    Path dataDir;
    private SecureFixture fixture;

    @AfterEach
    void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    private static void assertReceivesEvery(SecureFixture fixture, SecureFixture.Dashboard watcher) {
        for (int pulse = 100; pulse < 100 + AFTERWARDS; pulse++) {
            fixture.publish(ICU_PATIENT, pulse);
        }
        for (int pulse = 100; pulse < 100 + AFTERWARDS; pulse++) {
            JsonNode reading = watcher.next();
            assertThat(reading.path("vitals").path("heartRate").path("value").asInt()).as("the watcher's reading").isEqualTo(pulse);
        }
    }

    @Test
    @Scenario("L5-16")
    void aFloodingClientIsCutOffWith1008AndTheOthersKeepReceiving() throws Exception {
        fixture = new SecureFixture(SecuritySettings.forTests(dataDir), SecureFixture.QUIET);
        SecureFixture.Dashboard watcher = fixture.dashboard(DOCTOR);
        watcher.next(); // the snapshot
        SecureFixture.Dashboard flooder = fixture.dashboard(DOCTOR);
        flooder.next();
        flooder.nextAlertList(); // the last message of its opening: from here on, each answer is a text

        // Back to back, each as soon as the last was answered: so the flooder never writes after the
        // server's close has reached it, and the close is the next thing it reads.
        WebSocketRecorder.Closed closed = null;
        int sent = 0;
        while (closed == null && sent < FLOOD) {
            flooder.recorder().session().sendText(GET_SNAPSHOT, Callback.NOOP);
            sent++;
            WebSocketRecorder.Event answer = flooder.recorder().nextEvent();
            if (answer instanceof WebSocketRecorder.Closed close) {
                closed = close;
            } else {
                assertThat(answer).as("the answer to request %d", sent).isInstanceOf(WebSocketRecorder.Text.class);
            }
        }
        assertThat(closed).as("the close, within %d requests", FLOOD).isNotNull();
        assertThat(closed.code()).as("the close code").isEqualTo(1008);
        assertThat(sent).as("requests answered before the close").isGreaterThan(RateLimit.DEFAULT_BURST);
        assertThat(closed.reason()).as("the close reason").contains("rate limit").contains(String.valueOf(RateLimit.DEFAULT_BURST));
        assertReceivesEvery(fixture, watcher);
        assertThat(fixture.server.audit().recent(50)).as("the audit trail")
                .anySatisfy(record -> assertThat(record.outcome()).isEqualTo("refused: rate limit"));
    }

    @Test
    @Scenario("L5-17")
    void anOversizedMessageClosesItsSessionWith1009AndTheOthersKeepReceiving() throws Exception {
        fixture = new SecureFixture(SecuritySettings.forTests(dataDir), SecureFixture.QUIET);
        SecureFixture.Dashboard watcher = fixture.dashboard(DOCTOR);
        watcher.next();
        SecureFixture.Dashboard sender = fixture.dashboard(DOCTOR);
        sender.next();
        sender.nextAlertList(); // its opening read: the close is the next thing it hears

        sender.recorder().session().sendText("{\"type\":\"" + "x".repeat(OVERSIZED) + "\"}", Callback.NOOP);

        // The server closes with 1009 as soon as the frame's header says how long it is. A client still writing the
        // rest of the message may then find the connection gone (a broken pipe) before it reads the close frame; so
        // the client hears the 1009 or loses its write, and the server's record says why it cut the session.
        WebSocketRecorder.Event heard = sender.recorder().nextEvent();
        if (heard instanceof WebSocketRecorder.Closed closed) {
            assertThat(closed.code()).as("the close code").isEqualTo(1009);
        } else {
            assertThat(heard).as("what the sender heard").isInstanceOf(WebSocketRecorder.Failed.class);
        }
        await("the server's record of the cut").atMost(SecureFixture.PATIENCE).untilAsserted(() ->
                assertThat(fixture.server.audit().recent(20)).anySatisfy(record -> {
                    assertThat(record.action()).isEqualTo(AuditEvent.DISCONNECT);
                    assertThat(record.outcome()).contains("MessageTooLarge");
                }));
        assertReceivesEvery(fixture, watcher);
    }

    @Test
    @Scenario("L5-18")
    void malformedAndUnknownMessagesGetAnErrorAndTheConnectionStays() throws Exception {
        fixture = new SecureFixture(SecuritySettings.forTests(dataDir), SecureFixture.QUIET);
        SecureFixture.Dashboard dashboard = fixture.dashboard(DOCTOR);
        dashboard.next();

        dashboard.recorder().session().sendText("{\"type\":", Callback.NOOP);
        assertThat(dashboard.next().path("type").asString()).as("the answer to a malformed message").isEqualTo("error");
        dashboard.recorder().session().sendText("{\"type\":\"open-the-pod-bay-doors\"}", Callback.NOOP);
        JsonNode unknown = dashboard.next();
        assertThat(unknown.path("type").asString()).as("the answer to an unknown type").isEqualTo("error");

        assertReceivesEvery(fixture, dashboard);
    }
}
