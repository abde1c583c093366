package org.livevitals.rawsockets;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.IntConsumer;

/**
 * Newline framing: cuts the byte stream of one connection into lines.
 *
 * <p>This is the job a WebSocket library will do for us from Lab 2 on. Here we do it by hand:
 * read whatever the socket has, scan for {@code \n}, and keep the unfinished tail for the next
 * read. A line may be at most {@code maxLineBytes} long; the framer never holds more than that,
 * so a device that never sends a newline cannot make the server run out of memory. Once a line
 * passes the limit the framer reports {@link Frame.TooLong} straight away and then skips bytes
 * until the next newline.
 */
public final class LineFramer {

    private static final int READ_CHUNK_BYTES = 4096;

    private final InputStream in;
    private final IntConsumer onBytesRead;
    private final byte[] chunk = new byte[READ_CHUNK_BYTES];
    private int chunkStart;
    private int chunkEnd;
    private final byte[] line;
    private int lineLength;
    private boolean skippingOversizedLine;

    /**
     * @param onBytesRead told the size of every read, so the server can count what arrived
     */
    public LineFramer(InputStream in, int maxLineBytes, IntConsumer onBytesRead) {
        this.in = in;
        this.line = new byte[maxLineBytes];
        this.onBytesRead = onBytesRead;
    }

    /** Blocks until the next frame is complete, reading from the socket as often as needed. */
    public Frame next() throws IOException {
        // Exercise 1 starts here (scenarios L1-03 L1-04 L1-05)
        while (true) {
            if (chunkStart == chunkEnd && !readChunk()) {
                int dangling = lineLength;
                lineLength = 0;
                return new Frame.End(dangling);
            }
            byte b = chunk[chunkStart++];
            if (b == '\n') {
                if (skippingOversizedLine) {
                    skippingOversizedLine = false; // TooLong was reported when the limit was crossed
                    continue;
                }
                Frame frame = decode(line, lineLength);
                lineLength = 0;
                return frame;
            }
            if (skippingOversizedLine) {
                continue;
            }
            if (lineLength == line.length) {
                skippingOversizedLine = true;
                lineLength = 0;
                return new Frame.TooLong(line.length);
            }
            line[lineLength++] = b;
        }
        // Exercise 1 ends here
    }

    /** Refills the chunk from the socket; false at end of stream. */
    private boolean readChunk() throws IOException {
        int count = in.read(chunk);
        if (count < 0) {
            return false;
        }
        onBytesRead.accept(count);
        chunkStart = 0;
        chunkEnd = count;
        return true;
    }

    private static Frame decode(byte[] bytes, int length) {
        if (length > 0 && bytes[length - 1] == '\r') {
            length--; // tolerate CRLF from terminals such as telnet
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try {
            return new Frame.Line(utf8.decode(ByteBuffer.wrap(bytes, 0, length)).toString());
        } catch (CharacterCodingException e) {
            return new Frame.NotUtf8();
        }
    }
}
