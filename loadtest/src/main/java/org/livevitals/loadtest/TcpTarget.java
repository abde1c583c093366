package org.livevitals.loadtest;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.livevitals.broadcast.DashboardMessages;
import org.livevitals.rawsockets.VitalSigns;

/**
 * The baseline: the same JSON, one line per reading, over plain TCP (newline-delimited JSON).
 *
 * <p>It does what the WebSocket server does, minus WebSocket: serialize once, write to every
 * client without blocking (the writer writes straight to the socket when it can take the bytes,
 * and queues the rest for the selector thread), evict a client whose queue is full, and spread the
 * writes over the same lanes as Lab 3's {@code FanOut}: clients dealt into one lane per core, the
 * publisher writing the first, one thread for each other. What it costs less is what WebSocket
 * framing and Jetty cost.
 */
final class TcpTarget implements BroadcastTarget {

    static final int MAX_QUEUED = 256;

    private final DashboardMessages messages = new DashboardMessages();
    private final ServerSocketChannel server;
    private final Selector selector;
    private final Set<Client> clients = ConcurrentHashMap.newKeySet();
    private final List<Set<Client>> lanes = new ArrayList<>();
    private final List<ExecutorService> laneThreads = new ArrayList<>();
    private final AtomicInteger dealt = new AtomicInteger();
    private final Thread loop;
    private volatile boolean running = true;

    TcpTarget(int port, int laneCount) throws IOException {
        for (int lane = 0; lane < laneCount; lane++) {
            lanes.add(ConcurrentHashMap.newKeySet());
            if (lane > 0) {
                String name = "tcp-lane-" + lane;
                laneThreads.add(Executors.newSingleThreadExecutor(task -> {
                    Thread thread = new Thread(task, name);
                    thread.setDaemon(true);
                    return thread;
                }));
            }
        }
        selector = Selector.open();
        server = ServerSocketChannel.open();
        server.bind(new InetSocketAddress(port), 1024);
        server.configureBlocking(false);
        server.register(selector, SelectionKey.OP_ACCEPT);
        loop = new Thread(this::selectLoop, "tcp-target-selector");
        loop.start();
    }

    /** One connected client and the bytes it could not take yet. */
    private final class Client {
        final SocketChannel channel;
        final SelectionKey key;
        final int lane;
        final ArrayDeque<ByteBuffer> queue = new ArrayDeque<>();

        Client(SocketChannel channel, SelectionKey key, int lane) {
            this.channel = channel;
            this.key = key;
            this.lane = lane;
        }

        synchronized void send(ByteBuffer bytes) {
            try {
                if (queue.isEmpty()) {
                    channel.write(bytes);
                    if (!bytes.hasRemaining()) {
                        return;
                    }
                }
                if (queue.size() >= MAX_QUEUED) {
                    drop();
                    return;
                }
                queue.add(bytes);
                key.interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
                selector.wakeup();
            } catch (IOException e) {
                drop();
            }
        }

        synchronized void flush() {
            try {
                while (!queue.isEmpty()) {
                    ByteBuffer head = queue.peek();
                    channel.write(head);
                    if (head.hasRemaining()) {
                        return;
                    }
                    queue.poll();
                }
                key.interestOps(SelectionKey.OP_READ);
            } catch (IOException e) {
                drop();
            }
        }

        void drop() {
            clients.remove(this);
            lanes.get(lane).remove(this);
            key.cancel();
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
    }

    private void selectLoop() {
        ByteBuffer scratch = ByteBuffer.allocate(4096);
        while (running) {
            try {
                selector.select();
                for (SelectionKey key : selector.selectedKeys()) {
                    if (!key.isValid()) {
                        continue;
                    }
                    if (key.isAcceptable()) {
                        accept();
                    } else {
                        Client client = (Client) key.attachment();
                        if (key.isWritable()) {
                            client.flush();
                        }
                        if (key.isValid() && key.isReadable()) {
                            scratch.clear();
                            if (client.channel.read(scratch) < 0) {
                                client.drop(); // the client hung up
                            }
                        }
                    }
                }
                selector.selectedKeys().clear();
            } catch (IOException e) {
                if (running) {
                    System.err.println("tcp target: " + e);
                }
            }
        }
    }

    private void accept() throws IOException {
        SocketChannel channel = server.accept();
        if (channel == null) {
            return;
        }
        channel.configureBlocking(false);
        channel.socket().setTcpNoDelay(true);
        SelectionKey key = channel.register(selector, SelectionKey.OP_READ);
        Client client = new Client(channel, key, Math.floorMod(dealt.getAndIncrement(), lanes.size()));
        key.attach(client);
        clients.add(client);
        lanes.get(client.lane).add(client);
    }

    @Override
    public int port() {
        return server.socket().getLocalPort();
    }

    @Override
    public int connections() {
        return clients.size();
    }

    @Override
    public void publish(long pub, long dueMicros, VitalSigns reading) {
        sendToAll(Publication.stamp(messages.reading(reading), pub, dueMicros));
    }

    @Override
    public void sendToAll(String json) {
        byte[] line = (json + "\n").getBytes(StandardCharsets.UTF_8);
        for (int lane = 1; lane < lanes.size(); lane++) {
            Set<Client> thisLane = lanes.get(lane);
            laneThreads.get(lane - 1).execute(() -> thisLane.forEach(client -> client.send(ByteBuffer.wrap(line))));
        }
        lanes.get(0).forEach(client -> client.send(ByteBuffer.wrap(line)));
    }

    @Override
    public void close() throws Exception {
        running = false;
        selector.wakeup();
        loop.join(5_000);
        laneThreads.forEach(ExecutorService::shutdownNow);
        clients.forEach(Client::drop);
        server.close();
        selector.close();
    }
}
