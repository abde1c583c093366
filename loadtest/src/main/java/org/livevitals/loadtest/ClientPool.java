package org.livevitals.loadtest;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.function.Supplier;

/**
 * Thousands of clients on one thread: the load generator's lean NIO client pool.
 *
 * <p>A generator built on a full WebSocket client spends as much CPU as the server it measures and
 * inflates the latency it reports (labs/performance.md). This pool does only what receiving
 * dashboards must: it opens the connections from one selector thread, a few hundred at a time,
 * reads what arrives into a direct buffer per client, and of each message reads just the
 * publication stamp ({@link Publication#readStamp}). What the bytes mean on the wire is each
 * client's {@link ClientProtocol}: WebSocket's handshake and frames, or the TCP baseline's lines.
 */
final class ClientPool implements AutoCloseable {

    /** Connections allowed to be mid-handshake at once, so the server's accept queue never overflows. */
    private static final int CONNECTING_AT_ONCE = 200;
    private static final int BUFFER_BYTES = 64 * 1024;

    /** The servers the clients connect to, in turn: client n to {@code targets[n % size]}. */
    private final List<Target> targets;
    private final int count;
    private final Deliveries deliveries;
    private final Selector selector;
    private final List<Client> clients = new ArrayList<>();
    private final Thread loop;
    private volatile boolean running = true;
    private volatile int open;
    private volatile int ended;
    private volatile int closedByServer;
    private volatile String failure;
    /** One clock reading per wake-up of the selector: what arrived, arrived now. */
    private long receivedAt;

    /**
     * A server the clients connect to, on this machine, and the protocol of each new client there
     * ({@link ClientProtocol#forMode}; for Lab 5 and 6 it asks that server for the client's ticket).
     */
    record Target(int port, Supplier<ClientProtocol> protocols) {

        InetSocketAddress address() {
            return new InetSocketAddress("127.0.0.1", port);
        }
    }

    /** One client's state: its socket and protocol, what it has read, and which publications it has seen. */
    private final class Client implements ClientProtocol.Receiver {
        final SocketChannel channel;
        final InetSocketAddress address;
        final ClientProtocol protocol;
        ByteBuffer in = ByteBuffer.allocateDirect(BUFFER_BYTES);
        final BitSet seen = new BitSet();
        boolean open;

        Client(SocketChannel channel, Target target) {
            this.channel = channel;
            this.address = target.address();
            this.protocol = target.protocols().get();
        }

        @Override
        public void message(ByteBuffer bytes, int offset, int length) {
            Publication.Stamp stamp = Publication.readStamp(bytes, offset, length);
            if (stamp != null) {
                deliveries.record(seen, stamp.pub(), stamp.dueMicros(), stamp.sentAtMicros(), receivedAt);
            } else if (Publication.isEnd(bytes, offset, length)) {
                ended++;
            }
        }

        @Override
        public void closedByServer() {
            closedByServer++;
        }

        /** A few bytes on a socket that has sent nothing else: it fits, or the generator has failed. */
        @Override
        public void reply(ByteBuffer frame) {
            try {
                channel.write(frame);
            } catch (IOException e) {
                return; // the connection is gone; its read will say so
            }
            if (frame.hasRemaining()) {
                throw new IllegalStateException("a pong did not fit in the socket's send buffer");
            }
        }

        /** Replaces the buffer (in read mode) with a bigger one holding the same unread bytes. */
        void grow(int atLeast) {
            ByteBuffer bigger = ByteBuffer.allocateDirect(Math.max(atLeast, in.capacity() * 2));
            bigger.put(in);
            bigger.flip();
            in = bigger;
        }
    }

    /**
     * Starts connecting {@code count} clients to the server under test on this machine.
     *
     * @param protocols makes the protocol of each new client ({@link ClientProtocol#forMode})
     */
    ClientPool(Supplier<ClientProtocol> protocols, int port, int count, Deliveries deliveries) throws IOException {
        this(List.of(new Target(port, protocols)), count, deliveries);
    }

    /**
     * Starts connecting {@code count} clients spread over several servers in turn (the nodes of a
     * cluster: half on each of two), all on this pool's one thread and counted in one {@code deliveries}.
     */
    ClientPool(List<Target> targets, int count, Deliveries deliveries) throws IOException {
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("no server to connect to");
        }
        this.targets = List.copyOf(targets);
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
                while (clients.size() < count && clients.size() - open < CONNECTING_AT_ONCE) {
                    connect();
                }
                selector.select(100);
                receivedAt = Micros.now();
                for (SelectionKey key : selector.selectedKeys()) {
                    Client client = (Client) key.attachment();
                    if (key.isValid() && key.isConnectable()) {
                        finishConnect(key, client);
                    } else if (key.isValid() && key.isReadable()) {
                        read(key, client);
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
        Client client = new Client(channel, targets.get(clients.size() % targets.size()));
        clients.add(client);
        SelectionKey key = channel.register(selector, SelectionKey.OP_CONNECT, client);
        if (channel.connect(client.address)) {
            finishConnect(key, client); // on loopback a connect can complete at once: no OP_CONNECT follows
        }
    }

    private void finishConnect(SelectionKey key, Client client) throws IOException {
        client.channel.finishConnect();
        key.interestOps(SelectionKey.OP_READ);
        if (client.protocol.opened(client.channel, client.address)) {
            opened(client);
        }
    }

    private void opened(Client client) {
        client.open = true;
        open++;
    }

    private void read(SelectionKey key, Client client) throws IOException {
        int read;
        try {
            read = client.channel.read(client.in);
        } catch (IOException e) {
            read = -1;
        }
        if (read < 0) {
            closedByServer++;
            key.cancel();
            client.channel.close();
            return;
        }
        client.in.flip();
        if (!client.open) {
            if (!client.protocol.handshake(client.in)) {
                client.in.compact();
                return;
            }
            opened(client);
        }
        int needed = client.protocol.read(client.in, client);
        if (needed > client.in.capacity()) {
            client.grow(needed);
        }
        client.in.compact();
    }

    /** Publications missing on some connection, given how many were published. */
    long lost(long published) {
        long lost = 0;
        for (Client client : clients) {
            lost += published - client.seen.cardinality();
        }
        return lost;
    }

    @Override
    public void close() throws Exception {
        running = false;
        selector.wakeup();
        loop.join(5_000);
        for (Client client : clients) {
            client.channel.close();
        }
        selector.close();
    }
}
