package org.livevitals.loadtest;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.util.function.Supplier;

/**
 * What a generator client speaks on its socket: how a connection opens, and where the messages are
 * in the bytes it reads. WebSocket for Labs 3 and 4, newline-delimited JSON for the TCP baseline.
 *
 * <p>{@link ClientPool} owns the sockets, the buffers and the counting; a protocol only writes its
 * opening and finds messages, on the pool's one thread. Each connection has its own instance.
 */
interface ClientProtocol {

    /** Where a protocol hands what it finds in the bytes. */
    interface Receiver {

        /** One whole message: {@code length} bytes of {@code in} from {@code offset}. */
        void message(ByteBuffer in, int offset, int length);

        /** The server said it is closing the connection (WebSocket's close frame). */
        void closedByServer();

        /**
         * Bytes the protocol must send back at once, from {@code frame}'s position to its limit:
         * WebSocket's pong, without which Lab 4's server takes a dashboard for dead and cuts it.
         */
        void reply(ByteBuffer frame);
    }

    /**
     * What clients of a {@link BenchServer} mode speak: newline-delimited JSON for {@code tcp},
     * WebSocket for every other ({@code websocket}, {@code resume}, {@code websocket-core}). Lab 5's
     * ({@code secure}) needs a ticket per connection: {@link #forMode(String, Tickets, boolean)}.
     */
    static Supplier<ClientProtocol> forMode(String mode) {
        return mode.equals("tcp") ? TcpClientProtocol::new : WebSocketClientProtocol::new;
    }

    /**
     * As {@link #forMode(String)}, each WebSocket connection opened with a ticket from {@code tickets} if
     * not null, and offering {@code permessage-deflate} as a browser does if {@code offerDeflate}.
     */
    static Supplier<ClientProtocol> forMode(String mode, Tickets tickets, boolean offerDeflate) {
        if (mode.equals("tcp")) {
            return TcpClientProtocol::new;
        }
        return () -> new WebSocketClientProtocol(tickets == null ? null : tickets::next, offerDeflate);
    }

    /**
     * The connection to {@code server} is up: writes what opens the conversation. Returns true if
     * messages may follow at once, false if {@link #handshake} must first accept the server's reply.
     */
    boolean opened(WritableByteChannel channel, InetSocketAddress server) throws IOException;

    /**
     * Consumes the server's reply to the opening from {@code in} once it is whole; false while it is
     * still arriving.
     *
     * @throws IllegalStateException if the server refused
     */
    default boolean handshake(ByteBuffer in) {
        return true;
    }

    /**
     * Hands every whole message between {@code in}'s position and limit to {@code receiver}, leaving
     * the position at the first byte not consumed.
     *
     * @return how many bytes {@code in} must hold for its next message to be whole, as far as that is
     *     known: when it is more than the buffer can hold, the pool gives the client a bigger one
     */
    int read(ByteBuffer in, Receiver receiver);
}
