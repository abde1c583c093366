package org.livevitals.testkit;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The proxy between a plain client socket and a server socket the test accepts itself, so both
 * ends are read and written directly: what one side writes, the other must read, unless a fault
 * says otherwise.
 */
class TcpFaultProxyTest {

    /** How long "nothing arrives" is watched: loopback delivers anything in flight far sooner. */
    private static final Duration QUIET_PERIOD = Duration.ofMillis(300);
    /** Generous: these tests assert what happens, not how fast; a missing reset would block for hours. */
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    /** Far more than one relay buffer, so the proxy's writes come out partial and its reads must stall. */
    private static final int LARGE_TRANSFER = 8 * 1024 * 1024;

    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    private ServerSocket server;
    private TcpFaultProxy proxy;
    private final List<Socket> sockets = new ArrayList<>();

    /** One connection through the proxy, seen from both ends. */
    private record Connection(Socket client, Socket server) {}

    @BeforeEach
    void startServerAndProxy() throws IOException {
        server = new ServerSocket(0, 50, LOOPBACK);
        server.setSoTimeout((int) PATIENCE.toMillis());
        proxy = TcpFaultProxy.start(new InetSocketAddress(LOOPBACK, server.getLocalPort()));
    }

    @AfterEach
    void closeEverything() throws IOException {
        for (Socket socket : sockets) {
            socket.close();
        }
        proxy.close();
        server.close();
        assertThat(Thread.getAllStackTraces().keySet())
                .as("threads left running")
                .noneMatch(thread -> thread.getName().startsWith("tcp-fault-proxy-"));
    }

    @Test
    void bytesPassBothWays() throws IOException {
        Connection connection = connectThroughProxy();

        send(connection.client(), "HELLO bed-7");
        assertReceives(connection.server(), "HELLO bed-7");
        send(connection.server(), "WELCOME bed-7");
        assertReceives(connection.client(), "WELCOME bed-7");
        assertThat(proxy.openConnections()).isEqualTo(1);
    }

    @Test
    void cutResetsBothSidesOfEveryConnectionAtOnce() throws IOException {
        Connection first = connectThroughProxy();
        Connection second = connectThroughProxy();

        proxy.cut();

        assertThat(proxy.openConnections()).isZero();
        assertReset(first.client());
        assertReset(first.server());
        assertReset(second.client());
        assertReset(second.server());
    }

    @Test
    void whileCutNewConnectionsAreResetWithoutReachingTheServer() throws IOException {
        proxy.cut();

        Socket client = connectToProxy(); // the kernel completes the handshake; the proxy then resets it

        assertReset(client);
        assertNoConnectionReachesTheServer();
    }

    @Test
    void afterACutIsRestoredNewConnectionsPassBytesAgain() throws IOException {
        proxy.cut();
        proxy.restore();

        Connection connection = connectThroughProxy();

        send(connection.client(), "HELLO again");
        assertReceives(connection.server(), "HELLO again");
        send(connection.server(), "WELCOME back");
        assertReceives(connection.client(), "WELCOME back");
    }

    @Test
    void blackholeHoldsBytesBothWaysWithoutClosingAndRestoreDeliversThemIntact() throws IOException {
        Connection connection = connectThroughProxy();

        proxy.blackhole();
        byte[] fromClient = payload(0, 32 * 1024);
        byte[] fromServer = payload(1, 32 * 1024);
        connection.client().getOutputStream().write(fromClient);
        connection.server().getOutputStream().write(fromServer);

        assertNothingArrives(connection.server()); // no bytes, and no end of stream or reset either
        assertNothingArrives(connection.client());
        assertThat(proxy.openConnections()).isEqualTo(1);

        proxy.restore();

        assertThat(connection.server().getInputStream().readNBytes(fromClient.length)).isEqualTo(fromClient);
        assertThat(connection.client().getInputStream().readNBytes(fromServer.length)).isEqualTo(fromServer);
    }

    @Test
    void aConnectionAcceptedDuringABlackholeReachesTheServerOnlyAfterRestore() throws IOException {
        proxy.blackhole();
        Socket client = connectToProxy();
        send(client, "HELLO from the dark");
        await().atMost(PATIENCE).until(() -> proxy.openConnections() == 1); // accepted and held

        assertNoConnectionReachesTheServer();
        proxy.restore();

        Socket serverSide = acceptFromProxy();
        assertReceives(serverSide, "HELLO from the dark");
        send(serverSide, "WELCOME to the light");
        assertReceives(client, "WELCOME to the light");
    }

    @Test
    void largeTransfersBothWaysAtOnceArriveIntact() throws Exception {
        Connection connection = connectThroughProxy();

        try (Writer up = Writer.start(connection.client(), 0, LARGE_TRANSFER);
             Writer down = Writer.start(connection.server(), 1, LARGE_TRANSFER)) {
            // One side at a time: while the server's side is read, the bytes going down pile up and
            // that direction must stall without stalling the other one.
            assertReceivesStream(connection.server(), 0, LARGE_TRANSFER);
            assertReceivesStream(connection.client(), 1, LARGE_TRANSFER);
            up.assertDone();
            down.assertDone();
        }
    }

    @Test
    void anEndOfStreamIsPassedOnAndTheOtherDirectionKeepsFlowing() throws IOException {
        Connection connection = connectThroughProxy();

        connection.client().shutdownOutput(); // "I have sent everything", still waiting for the answer

        assertThat(connection.server().getInputStream().read()).as("end of stream at the server").isEqualTo(-1);
        send(connection.server(), "ANSWER after your end of stream");
        assertReceives(connection.client(), "ANSWER after your end of stream");
        connection.server().close();
        assertThat(connection.client().getInputStream().read()).as("end of stream at the client").isEqualTo(-1);
        await().atMost(PATIENCE).until(() -> proxy.openConnections() == 0);
    }

    @Test
    void aConnectionRefusedUpstreamIsResetForItsClient() throws IOException {
        int closedPort;
        try (ServerSocket gone = new ServerSocket(0, 1, LOOPBACK)) {
            closedPort = gone.getLocalPort();
        }
        try (TcpFaultProxy toNowhere = TcpFaultProxy.start(new InetSocketAddress(LOOPBACK, closedPort))) {
            Socket client = track(new Socket(LOOPBACK, toNowhere.port()));
            client.setSoTimeout((int) PATIENCE.toMillis());

            assertReset(client);
            assertThat(toNowhere.openConnections()).isZero();
        }
    }

    @Test
    void aResetOnOneConnectionIsPassedOnAndLeavesTheOthersWorking() throws IOException {
        Connection failing = connectThroughProxy();
        Connection healthy = connectThroughProxy();

        failing.client().setSoLinger(true, 0);
        failing.client().close(); // a reset from the client's side

        assertReset(failing.server());
        send(healthy.client(), "STILL here");
        assertReceives(healthy.server(), "STILL here");
        assertThat(proxy.openConnections()).isEqualTo(1);
    }

    @Test
    void closeEndsEveryConnectionAndRefusesFaultsAfterwards() throws IOException {
        Connection connection = connectThroughProxy();

        proxy.close();

        assertThat(connection.client().getInputStream().read()).as("end of stream at the client").isEqualTo(-1);
        assertThat(connection.server().getInputStream().read()).as("end of stream at the server").isEqualTo(-1);
        assertThatThrownBy(proxy::cut).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    }

    // --- the two ends -----------------------------------------------------------------------

    private Connection connectThroughProxy() throws IOException {
        Socket client = connectToProxy();
        return new Connection(client, acceptFromProxy());
    }

    private Socket connectToProxy() throws IOException {
        Socket client = track(new Socket(LOOPBACK, proxy.port()));
        client.setSoTimeout((int) PATIENCE.toMillis());
        return client;
    }

    private Socket acceptFromProxy() throws IOException {
        Socket serverSide = track(server.accept());
        serverSide.setSoTimeout((int) PATIENCE.toMillis());
        return serverSide;
    }

    private Socket track(Socket socket) {
        sockets.add(socket);
        return socket;
    }

    private static void send(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(UTF_8));
    }

    private static void assertReceives(Socket socket, String expected) throws IOException {
        byte[] received = socket.getInputStream().readNBytes(expected.getBytes(UTF_8).length);
        assertThat(new String(received, UTF_8)).isEqualTo(expected);
    }

    /** The next read fails with a reset, rather than blocking, reading bytes or reading an end of stream. */
    private static void assertReset(Socket socket) throws IOException {
        try {
            int read = socket.getInputStream().read();
            throw new AssertionError("expected a connection reset, but "
                    + (read < 0 ? "an end of stream (a FIN, not a reset)" : "a byte") + " arrived");
        } catch (SocketException e) {
            assertThat(e).hasMessageContaining("Connection reset");
        }
    }

    /** Nothing at all arrives for the quiet period: no byte, no end of stream, no reset. */
    private static void assertNothingArrives(Socket socket) throws IOException {
        socket.setSoTimeout((int) QUIET_PERIOD.toMillis());
        try {
            int read = socket.getInputStream().read();
            throw new AssertionError("expected nothing to arrive for " + QUIET_PERIOD.toMillis() + " ms, but "
                    + (read < 0 ? "the end of stream" : "a byte") + " arrived");
        } catch (SocketTimeoutException expected) {
            // silence, as a half-open network looks from either end
        } finally {
            socket.setSoTimeout((int) PATIENCE.toMillis());
        }
    }

    private void assertNoConnectionReachesTheServer() throws IOException {
        server.setSoTimeout((int) QUIET_PERIOD.toMillis());
        try {
            track(server.accept());
            throw new AssertionError("expected no connection to reach the server for "
                    + QUIET_PERIOD.toMillis() + " ms, but one did");
        } catch (SocketTimeoutException expected) {
            // the proxy never connected upstream
        } finally {
            server.setSoTimeout((int) PATIENCE.toMillis());
        }
    }

    // --- payloads that check every byte -----------------------------------------------------

    /** Byte {@code index} of stream {@code stream}: a lost, doubled or reordered block shows at once. */
    private static byte byteAt(int stream, long index) {
        return (byte) (((index + 1 + stream * 0x5DEECE66DL) * 0x9E3779B97F4A7C15L) >>> 56);
    }

    private static byte[] payload(int stream, int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = byteAt(stream, i);
        }
        return bytes;
    }

    private static void assertReceivesStream(Socket socket, int stream, int length) throws IOException {
        InputStream in = socket.getInputStream();
        byte[] chunk = new byte[64 * 1024];
        long offset = 0;
        while (offset < length) {
            int read = in.read(chunk, 0, (int) Math.min(chunk.length, length - offset));
            if (read < 0) {
                throw new AssertionError("the stream ended after " + offset + " of " + length + " bytes");
            }
            for (int i = 0; i < read; i++, offset++) {
                if (chunk[i] != byteAt(stream, offset)) {
                    throw new AssertionError("byte " + offset + " of " + length + " differs from what was sent");
                }
            }
        }
    }

    /** Writes a long stream on its own thread, as a second party on the network would. */
    private static final class Writer implements AutoCloseable {
        private final Thread thread;
        private final AtomicReference<Throwable> failure = new AtomicReference<>();

        private Writer(Socket socket, int stream, int length) {
            thread = new Thread(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    int chunk = 16 * 1024;
                    for (int offset = 0; offset < length; offset += chunk) {
                        byte[] bytes = new byte[Math.min(chunk, length - offset)];
                        for (int i = 0; i < bytes.length; i++) {
                            bytes[i] = byteAt(stream, offset + i);
                        }
                        out.write(bytes);
                    }
                } catch (IOException | RuntimeException e) {
                    failure.set(e);
                }
            }, "test-writer-" + stream);
            thread.setDaemon(true);
        }

        static Writer start(Socket socket, int stream, int length) {
            Writer writer = new Writer(socket, stream, length);
            writer.thread.start();
            return writer;
        }

        void assertDone() throws InterruptedException {
            thread.join(PATIENCE.toMillis());
            assertThat(thread.isAlive()).as(thread.getName() + " still writing").isFalse();
            if (failure.get() != null) {
                throw new AssertionError(thread.getName() + " failed", failure.get());
            }
        }

        @Override
        public void close() throws InterruptedException {
            thread.join(PATIENCE.toMillis()); // the sockets close after the test, which ends a stuck write
        }
    }
}
