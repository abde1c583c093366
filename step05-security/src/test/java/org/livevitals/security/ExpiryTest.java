package org.livevitals.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.livevitals.security.SecureFixture.DOCTOR;
import static org.livevitals.security.SecureFixture.ICU_PATIENT;

import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livevitals.reconnect.ResumeSettings;
import org.livevitals.testkit.Scenario;
import org.livevitals.testkit.WebSocketRecorder;
import tools.jackson.databind.JsonNode;

/** Lab 5: a session lasts as long as the sign-in it was opened with, and a new sign-in resumes it. */
class ExpiryTest {

    /** Long enough to sign in, get a ticket and connect; short enough to watch it run out. */
    private static final Duration SHORT_SIGN_IN = Duration.ofSeconds(3);
    private static final int PUBLISHED_WHILE_SIGNED_OUT = 4;

    @TempDir
    Path dataDir;
    private SecureFixture fixture;

    @AfterEach
    void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    @Scenario("L5-15")
    void aSessionIsClosedWith1008WhenItsSignInExpiresAndANewSignInResumesIt() throws Exception {
        fixture = new SecureFixture(SecuritySettings.forTests(dataDir).withSignInLifetime(SHORT_SIGN_IN), SecureFixture.QUIET);
        fixture.publish(ICU_PATIENT, 60);
        SecureFixture.Dashboard dashboard = fixture.dashboard(DOCTOR);
        JsonNode snapshot = dashboard.next();
        String epoch = snapshot.path("epoch").asString();
        long seq = snapshot.path("seq").asLong();
        dashboard.nextAlertList();

        WebSocketRecorder.Closed closed = dashboard.recorder().assertClosed(1008);
        assertThat(closed.reason()).as("the close reason").isEqualTo(SessionGuard.TOKEN_EXPIRED);
        await("the disconnect in the audit trail").atMost(SecureFixture.PATIENCE).untilAsserted(() ->
                assertThat(fixture.server.audit().recent(20))
                        .anySatisfy(record -> assertThat(record.action()).isEqualTo(AuditEvent.DISCONNECT)));

        for (int pulse = 61; pulse < 61 + PUBLISHED_WHILE_SIGNED_OUT; pulse++) {
            fixture.publish(ICU_PATIENT, pulse);
        }
        String ticket = fixture.ticket(fixture.signIn(DOCTOR));
        SecureFixture.Dashboard back = fixture.dashboard("doctor-again", ticket, "&epoch=" + epoch + "&lastSeq=" + seq, null);
        JsonNode recovery = back.next();
        assertThat(recovery.path("recovered").asBoolean()).as("the resume after signing in again: %s", recovery).isTrue();
        List<Integer> pulses = new ArrayList<>();
        recovery.path("missed").forEach(reading -> pulses.add(reading.path("vitals").path("heartRate").path("value").asInt()));
        assertThat(pulses).as("the readings published while signed out").containsExactly(61, 62, 63, 64);
    }

    @Test
    void aReadingWhoseBodyArrivesAfterTheSignInEndedIsRefused() throws Exception {
        fixture = new SecureFixture(SecuritySettings.forTests(dataDir).withSignInLifetime(SHORT_SIGN_IN), SecureFixture.QUIET);
        String token = fixture.signIn(DOCTOR);
        Instant signedInBy = Instant.now();
        byte[] reading = ("{\"patient\":\"" + ICU_PATIENT + "\",\"heartRate\":88,\"spo2\":95,\"temperature\":38.1,"
                + "\"systolic\":130,\"diastolic\":85,\"respiratoryRate\":18}").getBytes(StandardCharsets.UTF_8);
        URI server = fixture.server.httpUri();

        try (Socket client = new Socket(server.getHost(), server.getPort())) {
            client.setSoTimeout((int) SecureFixture.PATIENCE.toMillis());
            OutputStream out = client.getOutputStream();
            out.write(("POST /api/readings HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + reading.length
                    + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(reading, 0, 1);
            out.flush();
            await("the sign-in's end").atMost(SHORT_SIGN_IN.plus(SecureFixture.PATIENCE))
                    .until(() -> Instant.now().isAfter(signedInBy.plus(SHORT_SIGN_IN)));
            out.write(reading, 1, reading.length - 1);
            out.flush();

            String answer = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

            assertThat(answer).startsWith("HTTP/1.1 403 ").contains(ReadingsApi.SIGN_IN_ENDED);
        }
    }
}
