package org.livevitals.testkit;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;

/**
 * One direction of a {@link TcpFaultProxy} connection: bytes read from the source wait in one
 * fixed buffer until the sink has taken all of them.
 *
 * <p>That buffer is the whole flow control. The relay reads from its source only when the buffer
 * is empty, so while the sink is slow (its reader stopped reading, its kernel buffer is full) the
 * source is left unread: its kernel buffer fills and TCP slows the real sender down. Backpressure
 * reaches the sender, and the proxy never holds more than one buffer per direction. A write to a
 * non-blocking channel may take only part of the buffer; the rest waits for the next time the
 * sink is writable.
 */
final class Relay {

    /** Per direction, so a proxied connection costs at most twice this much heap. */
    static final int BUFFER_SIZE = 64 * 1024;

    private final SocketChannel source;
    private final SocketChannel sink;
    /** Bytes read but not yet written, between position and limit; empty when all are written. */
    private final ByteBuffer unwritten = ByteBuffer.allocate(BUFFER_SIZE).limit(0);
    private boolean sourceEnded;
    private boolean finished;

    Relay(SocketChannel source, SocketChannel sink) {
        this.source = source;
        this.sink = sink;
    }

    /** The source may be read: it has not ended and everything read so far has been written. */
    boolean wantsToRead() {
        return !sourceEnded && !unwritten.hasRemaining();
    }

    /** The sink still owes a write: what was read has not all been taken. */
    boolean wantsToWrite() {
        return unwritten.hasRemaining();
    }

    /** The source ended and the end was passed on: nothing more will move this way. */
    boolean isFinished() {
        return finished;
    }

    /** Moves what it can without blocking: one read if the buffer is empty, then one write. */
    void pump() throws IOException {
        if (wantsToRead()) {
            unwritten.clear();
            sourceEnded = source.read(unwritten) < 0;
            unwritten.flip();
        }
        if (unwritten.hasRemaining()) {
            sink.write(unwritten);
        }
        if (sourceEnded && !unwritten.hasRemaining() && !finished) {
            // Pass the end on as the sender meant it: a half-close, so the other direction keeps
            // flowing (a client may finish sending and still be waiting for the answer).
            sink.shutdownOutput();
            finished = true;
        }
    }
}
