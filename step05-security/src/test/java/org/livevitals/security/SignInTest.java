package org.livevitals.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.livevitals.security.SecureFixture.DOCTOR;

import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livevitals.echo.WebSocketServer;
import org.livevitals.testkit.Scenario;
import org.livevitals.testkit.SlowBodies;
import org.livevitals.testkit.SlowChunkedPost;

/** Lab 5's sign-in: a refusal that tells nothing, and leaves a trace. */
class SignInTest {

    private static final String WRONG_PASSWORD = "not-the-password-7f3a";
    private static final String NO_SUCH_USER = "dr.nobody";

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
    void aRefusedChunkedSignInIsReadBeforeTheAnswerSoAClientStillSendingItGetsTheAnswer() throws Exception {
        fixture = new SecureFixture(dataDir);

        String answer = SlowChunkedPost.answer(fixture.server.httpUri(), "/api/login", "{\"use", "r}");

        assertThat(answer).startsWith("HTTP/1.1 411 ").contains("send a Content-Length of at most");
    }

    @Test
    void signInsSentSlowlyKeepNoThreadFromTheOthers() throws Exception {
        fixture = new SecureFixture(dataDir);

        try (SlowBodies slow = SlowBodies.start(fixture.server.httpUri(), "/api/login", "application/json",
                WebSocketServer.MAX_POOL_THREADS + 8)) {
            fixture.signIn(DOCTOR); // within SecureFixture.PATIENCE, or it fails
        }
    }

    @Test
    void aBodySentWithoutASignInIsReadBeforeThe401SoADeviceStillSendingItLearnsToSignIn() throws Exception {
        fixture = new SecureFixture(dataDir);

        String reading = SlowChunkedPost.answer(fixture.server.httpUri(), "/api/readings", "{\"pat", "ie");
        String alerts = SlowChunkedPost.answer(fixture.server.httpUri(), "/api/alerts", "{\"pat", "ie");

        assertThat(reading).startsWith("HTTP/1.1 401 ").contains("sign in first");
        assertThat(alerts).startsWith("HTTP/1.1 401 ").contains("sign in first");
    }

    @Test
    @Scenario("L5-01")
    void aWrongPasswordAndAnUnknownUserGetTheSame401AndAreAudited() throws Exception {
        fixture = new SecureFixture(dataDir);

        HttpResponse<String> wrongPassword = fixture.post("/api/login", SecureFixture.credentials(DOCTOR.name(), WRONG_PASSWORD), null);
        HttpResponse<String> unknownUser = fixture.post("/api/login", SecureFixture.credentials(NO_SUCH_USER, WRONG_PASSWORD), null);

        assertThat(wrongPassword.statusCode()).as("a wrong password: %s", wrongPassword.body()).isEqualTo(401);
        assertThat(unknownUser.statusCode()).as("an unknown user: %s", unknownUser.body()).isEqualTo(401);
        assertThat(unknownUser.body()).as("the two answers").isEqualTo(wrongPassword.body());

        assertThat(fixture.server.audit().recent(10))
                .filteredOn(record -> AuditEvent.SIGN_IN.equals(record.action()))
                .extracting(AuditRecord::user, AuditRecord::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(DOCTOR.name(), AuditEvent.refused(SignInApi.WRONG_CREDENTIALS)),
                        org.assertj.core.groups.Tuple.tuple(NO_SUCH_USER, AuditEvent.refused(SignInApi.WRONG_CREDENTIALS)));
        fixture.close();
        fixture = null;
        assertThat(Files.readString(SecuritySettings.forTests(dataDir).auditFile()))
                .as("the audit file").contains(NO_SUCH_USER).doesNotContain(WRONG_PASSWORD);
    }
}
