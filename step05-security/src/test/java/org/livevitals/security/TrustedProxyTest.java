package org.livevitals.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livevitals.reconnect.ResumeSettings;
import org.livevitals.testkit.Scenario;

/**
 * Lab 5 behind a proxy: the client's address comes from {@code X-Forwarded-For} only on a connection from
 * a proxy the server trusts ({@code --trusted-proxy}), and then it is the address the proxy appended.
 *
 * <p>The test's own HTTP client plays the proxy: it connects from {@value #TEST_ADDRESS} and sends the
 * header as nginx would. The forwarded clients are documentation addresses (RFC 5737) that no test
 * connects from, so an audit record that names one got it from the header.
 */
class TrustedProxyTest {

    /** Where every connection of this test comes from: the server is reached at 127.0.0.1, not "localhost" (which may be ::1). */
    private static final String TEST_ADDRESS = "127.0.0.1";
    /** A proxy that is not this test: trusting it must not make the test's own headers believed. */
    private static final String SOME_OTHER_PROXY = "192.0.2.1";
    private static final String CLIENT_A = "203.0.113.7";
    private static final String CLIENT_B = "203.0.113.8";
    /** What client B wrote into the header itself, before the proxy appended its address. */
    private static final String WRITTEN_BY_CLIENT_B = "198.51.100.66";
    private static final String FORGED = "198.51.100.99";
    /** A client who wrote a lone quote into the header, hoping it swallows the proxy's entry. */
    private static final String CLIENT_C = "203.0.113.9";
    private static final int ATTEMPTS = SignInThrottle.ATTEMPTS_PER_ADDRESS;

    @TempDir
    Path dataDir;
    private SecureFixture fixture;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(SecureFixture.PATIENCE).build();

    @AfterEach
    void stop() throws Exception {
        if (fixture != null) {
            fixture.close();
        }
    }

    private void start(Set<String> trustedProxies) throws Exception {
        fixture = new SecureFixture(SecuritySettings.forTests(dataDir).withTrustedProxies(trustedProxies), ResumeSettings.forTests());
    }

    private URI server(String path) {
        return URI.create("http://" + TEST_ADDRESS + ":" + fixture.server.port() + path);
    }

    /** A sign-in with a wrong password (each under a user name of its own, so only the per-address count matters). */
    private int failedSignIn(String user, String forwardedFor) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(server("/api/login")).timeout(SecureFixture.PATIENCE)
                .header("Content-Type", "application/json").header("X-Forwarded-For", forwardedFor)
                .POST(HttpRequest.BodyPublishers.ofString(SecureFixture.credentials(user, "not-the-password")))
                .build(), HttpResponse.BodyHandlers.ofString());
        return answer.statusCode();
    }

    /** A handshake with no ticket, with {@code forwardedFor} in its header: refused with 401, and audited. */
    private void refusedHandshake(String forwardedFor) {
        URI ws = URI.create("ws://" + TEST_ADDRESS + ":" + fixture.server.port() + "/ws");
        assertThatThrownBy(() -> http.newWebSocketBuilder().header("X-Forwarded-For", forwardedFor)
                .buildAsync(ws, new WebSocket.Listener() {}).orTimeout(SecureFixture.PATIENCE.toSeconds(), TimeUnit.SECONDS).join())
                .isInstanceOf(CompletionException.class)
                .hasCauseInstanceOf(WebSocketHandshakeException.class);
    }

    private List<AuditRecord> audited(String action) {
        return fixture.server.audit().recent(AuditTrail.RECENT_CAPACITY).stream()
                .filter(record -> action.equals(record.action())).toList();
    }

    private List<String> addressesOf(String action) {
        return audited(action).stream().map(AuditRecord::address).distinct().toList();
    }

    @Test
    @Scenario("L5-45")
    void throughATrustedProxyEachClientIsTheAddressTheProxyAppended() throws Exception {
        start(Set.of(TEST_ADDRESS));

        for (int i = 1; i <= ATTEMPTS; i++) {
            assertThat(failedSignIn("guess-a-" + i, CLIENT_A)).as("client A's attempt %d of %d", i, ATTEMPTS).isEqualTo(401);
        }
        assertThat(failedSignIn("guess-a-last", CLIENT_A)).as("client A's attempt %d: its own bucket is full", ATTEMPTS + 1)
                .isEqualTo(429);
        assertThat(failedSignIn("guess-b", WRITTEN_BY_CLIENT_B + ", " + CLIENT_B))
                .as("client B's first attempt, through the same proxy: a bucket of its own, not client A's").isEqualTo(401);
        refusedHandshake(CLIENT_B);
        assertThat(failedSignIn("guess-c", "\", " + CLIENT_C)).as("client C, who wrote a lone quote").isEqualTo(401);

        assertThat(addressesOf(AuditEvent.SIGN_IN)).as("the addresses of the sign-in records")
                .containsExactlyInAnyOrder(CLIENT_A, CLIENT_B, CLIENT_C);
        await().atMost(SecureFixture.PATIENCE).untilAsserted(() -> assertThat(addressesOf(AuditEvent.HANDSHAKE))
                .as("the address of the refused handshake's record").containsExactly(CLIENT_B));
    }

    @Test
    @Scenario("L5-46")
    void aForgedHeaderFromAConnectionThatIsNotTheTrustedProxyIsNotBelieved() throws Exception {
        start(Set.of(SOME_OTHER_PROXY));
        // First: the attempts below fill this address's share of refusals recorded one by one (RefusalLimiter).
        refusedHandshake(FORGED);

        // A guessing script that writes a new address into each request, hoping for a new bucket each time.
        for (int i = 1; i <= ATTEMPTS; i++) {
            assertThat(failedSignIn("guess-" + i, "198.51.100." + i)).as("attempt %d of %d", i, ATTEMPTS).isEqualTo(401);
        }
        assertThat(failedSignIn("guess-last", FORGED)).as("attempt %d, with yet another forged address", ATTEMPTS + 1)
                .isEqualTo(429);

        assertThat(addressesOf(AuditEvent.SIGN_IN)).as("the addresses of the sign-in records").containsExactly(TEST_ADDRESS);
        await().atMost(SecureFixture.PATIENCE).untilAsserted(() -> assertThat(addressesOf(AuditEvent.HANDSHAKE))
                .as("the address of the refused handshake's record").containsExactly(TEST_ADDRESS));
    }

    @Test
    @Scenario("L5-47")
    void aServerThatTrustsNoProxyIgnoresTheHeader() throws Exception {
        start(Set.of());

        assertThat(failedSignIn("guess", FORGED)).as("a sign-in with a forged X-Forwarded-For").isEqualTo(401);
        refusedHandshake(FORGED);

        assertThat(addressesOf(AuditEvent.SIGN_IN)).as("the address of the sign-in record").containsExactly(TEST_ADDRESS);
        await().atMost(SecureFixture.PATIENCE).untilAsserted(() -> assertThat(addressesOf(AuditEvent.HANDSHAKE))
                .as("the address of the refused handshake's record").containsExactly(TEST_ADDRESS));
    }

    @Test
    void theProxysEntryIsBelievedOnlyIfItIsAnIpAddress() {
        for (String address : List.of("203.0.113.7", "0.0.0.0", "::1", "2001:db8::1", "fe80::1")) {
            assertThat(TrustedProxies.isIpAddress(address)).as("'%s'", address).isTrue();
        }
        for (String notAnAddress : List.of("", "cafe", "::::", "1:2:3", "256.1.1.1", "1.2.3.4:99999", "1.2.3.4:80",
                "[::1]", "localhost", "\"", "unknown")) {
            assertThat(TrustedProxies.isIpAddress(notAnAddress)).as("'%s'", notAnAddress).isFalse();
        }
    }

    @Test
    void aTrustedProxyIsAnAddressOrARangeNeverAName() {
        assertThat(TrustedProxies.checked("127.0.0.1")).isEqualTo("127.0.0.1");
        assertThat(TrustedProxies.checked("10.0.0.0/8")).isEqualTo("10.0.0.0/8");
        assertThat(TrustedProxies.checked("::1")).isEqualTo("::1");
        for (String notAProxy : List.of("nginx.example", "localhost", "300.1.1.1", "10.0.0.0/40", "127.0.0.1, 10.0.0.1", "")) {
            assertThatThrownBy(() -> TrustedProxies.checked(notAProxy)).as("'%s'", notAProxy)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is not an IP address or a CIDR range");
        }
    }
}
