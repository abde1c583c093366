package org.livevitals.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A TCP proxy that a test puts between a client and a server to break the network between them
 * on purpose: Lab 4's reconnect and resume scenarios need a connection that dies, and one that
 * goes silent without dying.
 *
 * <ul>
 *   <li>{@link #cut()}: every connection is reset on both sides at once, and new ones are reset
 *       as soon as they are accepted, as when a cable is pulled or a server's host vanishes.</li>
 *   <li>{@link #blackhole()}: every connection stays open but nothing moves either way, and new
 *       ones are accepted but not passed on: a half-open network, where neither side can tell
 *       anything is wrong until a heartbeat or a timeout says so.</li>
 *   <li>{@link #restore()}: the network heals. New connections are forwarded again, and after a
 *       blackhole the bytes that were held arrive intact, as TCP would retransmit them.</li>
 * </ul>
 *
 * <pre>{@code
 * try (TcpFaultProxy network = TcpFaultProxy.start(new InetSocketAddress("127.0.0.1", serverPort))) {
 *     // the client connects to network.port() instead of serverPort
 *     network.blackhole();  // the client's heartbeat must notice that nothing comes back
 *     network.restore();    // and then it must reconnect and resume
 * }
 * }</pre>
 *
 * <p>One selector thread does all the work, and every fault is applied on that thread, so a
 * fault takes effect on all connections at once and has taken effect when the call returns. It
 * is written here rather than borrowed (netcrusher, the usual choice, has been unmaintained since
 * 2016), and kept small enough to read in a lab.
 */
public final class TcpFaultProxy implements AutoCloseable {

    /** How long a fault, a count or {@link #close()} may wait for the proxy's thread. */
    private static final Duration LOOP_PATIENCE = Duration.ofSeconds(10);

    private enum Fault { NONE, CUT, BLACKHOLE }

    private final InetSocketAddress upstream;
    private final Selector selector;
    private final ServerSocketChannel listener;
    private final int port;
    private final Thread loop;
    /** Work handed to the loop thread by the test's thread; everything else is the loop's alone. */
    private final Queue<FutureTask<?>> commands = new ConcurrentLinkedQueue<>();
    private final Set<ProxiedConnection> connections = new HashSet<>();
    private Fault fault = Fault.NONE;
    private volatile boolean running = true;

    private TcpFaultProxy(InetSocketAddress upstream) throws IOException {
        this.upstream = upstream;
        this.selector = Selector.open();
        this.listener = ServerSocketChannel.open();
        try {
            listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            listener.configureBlocking(false);
            listener.register(selector, SelectionKey.OP_ACCEPT);
            this.port = listener.socket().getLocalPort();
        } catch (IOException e) {
            listener.close();
            selector.close();
            throw e;
        }
        this.loop = new Thread(this::run, "tcp-fault-proxy-" + port);
        this.loop.setDaemon(true);
    }

    /** Listens on an ephemeral port of 127.0.0.1 and forwards each connection to {@code upstream}. */
    public static TcpFaultProxy start(InetSocketAddress upstream) {
        try {
            TcpFaultProxy proxy = new TcpFaultProxy(upstream);
            proxy.loop.start();
            return proxy;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start a proxy to " + upstream, e);
        }
    }

    /** The port clients connect to instead of the server's. */
    public int port() {
        return port;
    }

    /** Resets every open connection on both sides, and resets new ones as they arrive, until {@link #restore()}. */
    public void cut() {
        onLoop(() -> {
            fault = Fault.CUT;
            connections.forEach(ProxiedConnection::reset);
            connections.clear();
            // A closed channel that is registered is only really closed (and the RST sent) when the
            // selector next runs; run it now, so the resets have gone out when cut() returns.
            selector.selectNow();
            return null;
        });
    }

    /**
     * Stops every byte in both directions, and holds new connections without connecting them
     * upstream, until {@link #restore()}; nobody sees a close, and nothing is lost.
     */
    public void blackhole() {
        onLoop(() -> {
            fault = Fault.BLACKHOLE;
            connections.forEach(ProxiedConnection::hold);
            return null;
        });
    }

    /** Ends a cut or a blackhole: held bytes move on, held connections are connected upstream. */
    public void restore() {
        onLoop(() -> {
            fault = Fault.NONE;
            for (ProxiedConnection connection : List.copyOf(connections)) {
                try {
                    connection.release();
                } catch (IOException | RuntimeException e) {
                    drop(connection);
                }
            }
            return null;
        });
    }

    /** Client connections the proxy holds open: forwarded, connecting, or held by a blackhole. */
    public int openConnections() {
        return onLoop(connections::size);
    }

    /** Closes every connection (FIN, not a reset) and the listener, and stops the proxy's thread. */
    @Override
    public void close() {
        running = false;
        selector.wakeup();
        try {
            loop.join(LOOP_PATIENCE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (loop.isAlive()) {
            throw new IllegalStateException(loop.getName() + " did not stop within " + LOOP_PATIENCE.toSeconds() + " s");
        }
    }

    private void run() {
        try {
            while (running) {
                selector.select();
                runCommands();
                Iterator<SelectionKey> ready = selector.selectedKeys().iterator();
                while (ready.hasNext()) {
                    SelectionKey key = ready.next();
                    ready.remove();
                    if (key.isValid()) {
                        handle(key);
                    }
                }
            }
        } catch (IOException | ClosedSelectorException e) {
            // The selector itself failed: nothing is left to proxy with. The finally block cleans up.
        } finally {
            shutDown();
        }
    }

    private void handle(SelectionKey key) {
        if (key.channel() == listener) {
            acceptAll();
            return;
        }
        ProxiedConnection connection = (ProxiedConnection) key.attachment();
        try {
            connection.onReady(key);
            if (connection.isDone()) {
                connection.close();
                connections.remove(connection);
            }
        } catch (IOException | RuntimeException e) {
            // A reset, a refused upstream, a broken pipe: that pair is over, the others carry on.
            drop(connection);
        }
    }

    private void acceptAll() {
        try {
            SocketChannel client;
            while ((client = listener.accept()) != null) {
                if (fault == Fault.CUT) {
                    ProxiedConnection.reset(client);
                } else {
                    accept(client);
                }
            }
        } catch (IOException e) {
            // Accepting failed (out of file descriptors, say); the listener is still open: try again later.
        }
    }

    private void accept(SocketChannel client) {
        ProxiedConnection connection;
        try {
            connection = new ProxiedConnection(selector, client, upstream);
        } catch (IOException e) {
            ProxiedConnection.reset(client);
            return;
        }
        connections.add(connection);
        try {
            if (fault == Fault.BLACKHOLE) {
                connection.hold();
            } else {
                connection.connectUpstream();
            }
        } catch (IOException | RuntimeException e) {
            drop(connection); // upstream refused at once: the client sees its connection reset
        }
    }

    /** Resets both sides of a failed pair, so each peer learns of the failure as it would without a proxy. */
    private void drop(ProxiedConnection connection) {
        connection.reset();
        connections.remove(connection);
    }

    /** Runs {@code command} on the loop thread, between two selects, and waits for its answer. */
    private <T> T onLoop(Callable<T> command) {
        FutureTask<T> task = new FutureTask<>(command);
        commands.add(task);
        if (!running) {
            task.cancel(false); // the loop may have stopped before it could see the task
        }
        selector.wakeup();
        try {
            return task.get(LOOP_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (CancellationException e) {
            throw new IllegalStateException("the proxy on port " + port + " is closed");
        } catch (ExecutionException e) {
            throw new IllegalStateException("the proxy on port " + port + " failed", e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the proxy on port " + port + " did not answer within "
                    + LOOP_PATIENCE.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the proxy", e);
        }
    }

    private void runCommands() {
        FutureTask<?> command;
        while ((command = commands.poll()) != null) {
            command.run();
        }
    }

    private void shutDown() {
        running = false;
        connections.forEach(ProxiedConnection::close);
        connections.clear();
        FutureTask<?> unanswered;
        while ((unanswered = commands.poll()) != null) {
            unanswered.cancel(false); // its caller learns the proxy is closed instead of waiting
        }
        try {
            selector.close(); // deregisters every channel, which really closes the ones closed above
            listener.close();
        } catch (IOException ignored) {
            // shutting down anyway
        }
    }
}
