package org.livevitals.scaling.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.livevitals.broadcast.MonitorSettings;
import org.livevitals.reconnect.ResumeSettings;
import org.livevitals.scaling.ScalingServer;
import org.livevitals.scaling.ScalingSettings;
import org.livevitals.security.AuditEvent;
import org.livevitals.security.AuditRecord;
import org.livevitals.security.ClinicalSettings;
import org.livevitals.security.SecuritySettings;
import org.livevitals.testkit.Scenario;

/**
 * Lab 6: behind the repository's nginx, a node that trusts nginx as the {@code cluster} command tells it
 * to ({@code --trusted-proxy 127.0.0.1}) sees each client's own address. The clients connect to nginx from
 * other loopback addresses (on Linux the whole of 127.0.0.0/8 is the loopback), so that nginx's address and
 * theirs differ. The node runs in this JVM: what is tested is nginx's header and the node's reading of it.
 */
class ClientAddressThroughNginxTest {

    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static final String CLIENT_A = "127.0.0.2";
    private static final String CLIENT_B = "127.0.0.3";
    /** What client B writes into its own X-Forwarded-For, hoping to be taken for someone else. */
    private static final String FORGED = "198.51.100.99";

    @TempDir
    Path dataDir;
    private ScalingServer node;
    private Nginx nginx;

    @AfterEach
    void stopEverything() throws Exception {
        try {
            if (nginx != null) {
                nginx.stop();
            }
        } finally {
            if (node != null) {
                node.close();
            }
        }
    }

    @Test
    @Scenario("L6-40")
    void throughNginxEachClientIsAuditedUnderItsOwnAddress() throws Exception {
        Path executable = NginxFixture.nginxOrSkip();
        assumeTrue(canConnectFrom(CLIENT_A) && canConnectFrom(CLIENT_B),
                "this test connects from 127.0.0.2 and 127.0.0.3: on macOS add them first with "
                        + "sudo ifconfig lo0 alias 127.0.0.2 and sudo ifconfig lo0 alias 127.0.0.3");
        SecuritySettings security = SecuritySettings.forTests(dataDir.resolve("n1"))
                .withTrustedProxies(Set.of(ClusterPlan.NGINX_ADDRESS));
        node = ScalingServer.newServer(MonitorSettings.forTests(), ResumeSettings.forTests(), security, ClinicalSettings.DEFAULTS,
                ScalingSettings.SINGLE_NODE, Clock.systemUTC()).start();
        int port = NginxFixture.freePort();
        Path prefix = dataDir.resolve("nginx");
        NginxConfig.writeTo(prefix, NginxConfig.render(NginxFixture.template(), port,
                List.of(ClusterPlan.NGINX_ADDRESS + ":" + node.port())));
        nginx = Nginx.start(executable, prefix, line -> System.out.println("[nginx] " + line));

        assertThat(wrongSignIn(CLIENT_A, port, null)).as("client A's sign-in through nginx").startsWith("HTTP/1.1 401");
        assertThat(wrongSignIn(CLIENT_B, port, FORGED)).as("client B's sign-in through nginx").startsWith("HTTP/1.1 401");

        assertThat(node.secure().audit().recent(10)).as("the node's sign-in records")
                .filteredOn(record -> AuditEvent.SIGN_IN.equals(record.action()))
                .extracting(AuditRecord::address)
                .containsExactly(CLIENT_A, CLIENT_B);
    }

    /** Whether this machine has {@code address} on its loopback (Linux has all of 127.0.0.0/8; macOS only 127.0.0.1). */
    private static boolean canConnectFrom(String address) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(address, 0));
            return true;
        } catch (IOException notHere) {
            return false;
        }
    }

    /** A sign-in with a wrong password, sent to nginx from {@code from}; returns the status line. */
    private static String wrongSignIn(String from, int nginxPort, String forwardedFor) throws IOException {
        byte[] body = "{\"username\":\"dr.lee\",\"password\":\"not-the-password\"}".getBytes(StandardCharsets.UTF_8);
        String head = "POST /api/login HTTP/1.1\r\nHost: 127.0.0.1:" + nginxPort + "\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + body.length + "\r\nConnection: close\r\n"
                + (forwardedFor == null ? "" : "X-Forwarded-For: " + forwardedFor + "\r\n") + "\r\n";
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(from, 0));
            socket.connect(new InetSocketAddress("127.0.0.1", nginxPort), (int) PATIENCE.toMillis());
            socket.setSoTimeout((int) PATIENCE.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }
}
