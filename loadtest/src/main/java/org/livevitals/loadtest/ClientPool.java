package org.livevitals.loadtest;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.livevitals.echo.WebSocketAccept;

/**
 * Thousands of clients on one thread: a lean NIO WebSocket (or raw TCP) client.
 *
 * <p>A generator built on a full WebSocket client spends as much CPU as the server it measures and
 * inflates the latency it reports (labs/performance.md). This one does only what a receiving
 * dashboard must: the opening handshake (checking {@code Sec-WebSocket-Accept}), then unmasked
 * server frames parsed straight from the buffer, reading just the publication stamp.
 */
final class ClientPool implements AutoCloseable {

    /** Connections allowed to be mid-handshake at once, so the server's accept queue never overflows. */
    private static final int CONNECTING_AT_ONCE = 200;

    private final boolean webSocket;
    private final InetSocketAddress address;
    private final int count;
    private final Deliveries deliveries;
    private final Selector selector;
    private final List<Connection> connections = new ArrayList<>();
    private final Thread loop;
    private volatile boolean running = true;
    private volatile int open;
    private volatile int ended;
    private volatile int closedByServer;
    private volatile String failure;

    /** One client's state: its socket, what it has read, and which publications it has seen. */
    private final class Connection {
        final SocketChannel channel;
        final String key = WebSocketAccept.newKey();
        ByteBuffer in = ByteBuffer.allocateDirect(64 * 1024);
        final BitSet seen = new BitSet();
        boolean upgraded;

        Connection(SocketChannel channel) {
            this.channel = channel;
        }
    }

    ClientPool(boolean webSocket, int port, int count, Deliveries deliveries) throws IOException {
        this.webSocket = webSocket;
        this.address = new InetSocketAddress("127.0.0.1", port);
        this.count = count;
        this.deliveries = deliveries;
        this.selector = Selector.open();
        this.loop = new Thread(this::run, "load-generator");
        this.loop.start();
    }

    int open() {
        return open;
    }

    int ended() {
        return ended;
    }

    int closedByServer() {
        return closedByServer;
    }

    String failure() {
        return failure;
    }

    private void run() {
        try {
            while (running) {
                while (connections.size() < count && connections.size() - open < CONNECTING_AT_ONCE) {
                    connect();
                }
                selector.select(100);
                long receivedAt = Micros.now(); // one clock reading per wake-up: what arrived, arrived now
                for (SelectionKey key : selector.selectedKeys()) {
                    Connection connection = (Connection) key.attachment();
                    if (key.isValid() && key.isConnectable()) {
                        finishConnect(key, connection);
                    } else if (key.isValid() && key.isReadable()) {
                        read(key, connection, receivedAt);
                    }
                }
                selector.selectedKeys().clear();
            }
        } catch (IOException | RuntimeException e) {
            failure = e.toString();
        }
    }

    private void connect() throws IOException {
        SocketChannel channel = SocketChannel.open();
        channel.configureBlocking(false);
        channel.socket().setTcpNoDelay(true);
        Connection connection = new Connection(channel);
        connections.add(connection);
        SelectionKey key = channel.register(selector, SelectionKey.OP_CONNECT, connection);
        if (channel.connect(address)) {
            finishConnect(key, connection); // on loopback a connect can complete at once: no OP_CONNECT follows
        }
    }

    private void finishConnect(SelectionKey key, Connection connection) throws IOException {
        connection.channel.finishConnect();
        key.interestOps(SelectionKey.OP_READ);
        if (webSocket) {
            String request = "GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + address.getPort()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + connection.key
                    + "\r\nSec-WebSocket-Version: 13\r\n\r\n";
            connection.channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
        } else {
            connection.upgraded = true;
            open++;
        }
    }

    private void read(SelectionKey key, Connection connection, long receivedAt) throws IOException {
        int read;
        try {
            read = connection.channel.read(connection.in);
        } catch (IOException e) {
            read = -1;
        }
        if (read < 0) {
            closedByServer++;
            key.cancel();
            connection.channel.close();
            return;
        }
        connection.in.flip();
        if (!connection.upgraded && !readHandshake(connection)) {
            connection.in.compact();
            return;
        }
        if (webSocket) {
            readFrames(connection, receivedAt);
        } else {
            readLines(connection, receivedAt);
        }
        connection.in.compact();
    }

    /** Consumes the 101 response once it is complete; false while it is still arriving. */
    private boolean readHandshake(Connection connection) {
        ByteBuffer in = connection.in;
        for (int i = in.position(); i + 3 < in.limit(); i++) {
            if (in.get(i) == '\r' && in.get(i + 1) == '\n' && in.get(i + 2) == '\r' && in.get(i + 3) == '\n') {
                byte[] head = new byte[i + 4 - in.position()];
                in.get(head);
                String response = new String(head, StandardCharsets.US_ASCII);
                if (!response.startsWith("HTTP/1.1 101")
                        || !response.contains("Sec-WebSocket-Accept: " + WebSocketAccept.forKey(connection.key))) {
                    throw new IllegalStateException("handshake refused: " + response.lines().findFirst().orElse(""));
                }
                connection.upgraded = true;
                open++;
                return true;
            }
        }
        return false;
    }

    private void readFrames(Connection connection, long receivedAt) {
        ByteBuffer in = connection.in;
        while (in.remaining() >= 2) {
            int start = in.position();
            int opcode = in.get(start) & 0x0F;
            int length = in.get(start + 1) & 0x7F;
            int header = 2;
            if (length == 126) {
                if (in.remaining() < 4) {
                    return;
                }
                length = in.getShort(start + 2) & 0xFFFF;
                header = 4;
            } else if (length == 127) {
                if (in.remaining() < 10) {
                    return;
                }
                length = (int) in.getLong(start + 2);
                header = 10;
            }
            if (in.remaining() < header + length) {
                if (header + length > in.capacity()) {
                    grow(connection, header + length);
                }
                return;
            }
            if (opcode == 0x8) {
                closedByServer++;
            } else if (opcode == 0x1) {
                onMessage(connection, start + header, length, receivedAt);
            }
            in.position(start + header + length);
        }
    }

    private void readLines(Connection connection, long receivedAt) {
        ByteBuffer in = connection.in;
        int lineStart = in.position();
        for (int i = lineStart; i < in.limit(); i++) {
            if (in.get(i) == '\n') {
                onMessage(connection, lineStart, i - lineStart, receivedAt);
                lineStart = i + 1;
            }
        }
        in.position(lineStart);
        if (in.remaining() == in.capacity()) {
            grow(connection, in.capacity() * 2);
        }
    }

    private void grow(Connection connection, int atLeast) {
        ByteBuffer bigger = ByteBuffer.allocateDirect(Math.max(atLeast, connection.in.capacity() * 2));
        bigger.put(connection.in);
        bigger.flip();
        connection.in = bigger;
    }

    private void onMessage(Connection connection, int offset, int length, long receivedAt) {
        Publication.Stamp stamp = Publication.readStamp(connection.in, offset, length);
        if (stamp != null) {
            deliveries.record(connection.seen, stamp.pub(), stamp.dueMicros(), stamp.sentAtMicros(), receivedAt);
        } else if (Publication.isEnd(connection.in, offset, length)) {
            ended++;
        }
    }

    /** Publications missing on some connection, given how many were published. */
    long lost(long published) {
        long lost = 0;
        for (Connection connection : connections) {
            lost += published - connection.seen.cardinality();
        }
        return lost;
    }

    @Override
    public void close() throws Exception {
        running = false;
        selector.wakeup();
        loop.join(5_000);
        for (Connection connection : connections) {
            connection.channel.close();
        }
        selector.close();
    }
}
