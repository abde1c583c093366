package org.livevitals.loadtest;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;

/** The TCP baseline's client: no handshake, one JSON message per line (newline-delimited JSON). */
final class TcpClientProtocol implements ClientProtocol {

    @Override
    public boolean opened(WritableByteChannel channel, InetSocketAddress server) {
        return true;
    }

    @Override
    public int read(ByteBuffer in, Receiver receiver) {
        int lineStart = in.position();
        for (int i = lineStart; i < in.limit(); i++) {
            if (in.get(i) == '\n') {
                receiver.message(in, lineStart, i - lineStart);
                lineStart = i + 1;
            }
        }
        in.position(lineStart);
        return in.remaining() + 1; // the line not yet whole needs one byte more at least: its newline
    }
}
