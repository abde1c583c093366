package org.livevitals.testkit;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;

/**
 * One client connection of a {@link TcpFaultProxy}, the upstream connection opened for it, and a
 * {@link Relay} for each direction.
 *
 * <p>It lives on the proxy's selector thread only, so it needs no locks. Its interest in each
 * channel follows its relays: read a channel while the relay from it has room, watch it for
 * writing while the relay to it owes bytes. Holding the connection (a blackhole) drops every
 * interest, so nothing is read, written or even noticed until it is released.
 */
final class ProxiedConnection {

    private final Selector selector;
    private final InetSocketAddress upstreamAddress;
    private final SocketChannel client;
    private final SelectionKey clientKey;
    /** Null until the proxy connects upstream: a connection accepted during a blackhole waits. */
    private SocketChannel upstream;
    private SelectionKey upstreamKey;
    /** Null until the upstream connection is established. */
    private Relay toUpstream;
    private Relay toClient;
    private boolean held;

    /** Takes an accepted client; nothing is read from it until its upstream connection is made. */
    ProxiedConnection(Selector selector, SocketChannel client, InetSocketAddress upstreamAddress)
            throws IOException {
        this.selector = selector;
        this.upstreamAddress = upstreamAddress;
        this.client = client;
        client.configureBlocking(false);
        client.setOption(StandardSocketOptions.TCP_NODELAY, true); // the proxy adds no delay of its own
        this.clientKey = client.register(selector, 0, this);
    }

    /** Starts the upstream connection; a refusal shows up now or in {@link #onReady} as an exception. */
    void connectUpstream() throws IOException {
        upstream = SocketChannel.open();
        upstream.configureBlocking(false);
        upstream.setOption(StandardSocketOptions.TCP_NODELAY, true);
        upstreamKey = upstream.register(selector, 0, this);
        if (upstream.connect(upstreamAddress)) {
            startRelaying();
        }
        updateInterest();
    }

    /** Handles a ready channel of this pair; an exception means the pair failed and must be reset. */
    void onReady(SelectionKey key) throws IOException {
        if (held) {
            return; // selected just before a blackhole began: it waits for the release like the rest
        }
        if (key == upstreamKey && key.isConnectable() && upstream.finishConnect()) {
            startRelaying();
        }
        if (toClient != null) {
            toUpstream.pump();
            toClient.pump();
        }
        updateInterest();
    }

    private void startRelaying() {
        toUpstream = new Relay(client, upstream);
        toClient = new Relay(upstream, client);
    }

    /** Both directions ended in order (FIN each way): the pair can be closed. */
    boolean isDone() {
        return toClient != null && toClient.isFinished() && toUpstream.isFinished();
    }

    /** Freezes the pair: bytes stay in the kernel's buffers and in the relays, nobody sees a close. */
    void hold() {
        held = true;
        updateInterest();
    }

    /** Ends a hold: a pair that was never connected upstream connects now, the others move again. */
    void release() throws IOException {
        held = false;
        if (upstream == null) {
            connectUpstream();
        } else {
            updateInterest();
        }
    }

    private void updateInterest() {
        if (held) {
            clientKey.interestOps(0);
            if (upstreamKey != null) {
                upstreamKey.interestOps(0);
            }
        } else if (toClient == null) {
            clientKey.interestOps(0);
            if (upstreamKey != null) {
                upstreamKey.interestOps(SelectionKey.OP_CONNECT);
            }
        } else {
            clientKey.interestOps(interest(toUpstream, toClient));
            upstreamKey.interestOps(interest(toClient, toUpstream));
        }
    }

    private static int interest(Relay readFromIt, Relay writeToIt) {
        return (readFromIt.wantsToRead() ? SelectionKey.OP_READ : 0)
                | (writeToIt.wantsToWrite() ? SelectionKey.OP_WRITE : 0);
    }

    /** Resets both sides: each peer sees a connection reset, as when a network path breaks. */
    void reset() {
        reset(client);
        if (upstream != null) {
            reset(upstream);
        }
    }

    /** Closes both sides in order (FIN): for a pair that ended, or a proxy that shuts down. */
    void close() {
        closeQuietly(client);
        if (upstream != null) {
            closeQuietly(upstream);
        }
    }

    /**
     * Closes with SO_LINGER 0, which makes the kernel send RST instead of FIN and drop whatever is
     * unsent. A channel registered with a selector is really closed when the selector next runs.
     */
    static void reset(SocketChannel channel) {
        try {
            channel.setOption(StandardSocketOptions.SO_LINGER, 0);
        } catch (IOException alreadyClosed) {
            // nothing left to reset
        }
        closeQuietly(channel);
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // the channel is closed either way
        }
    }
}
