package org.livevitals.loadtest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The TCP baseline's client finds each line, keeps a line not yet whole, and asks for room when one fills its buffer. */
class TcpClientProtocolTest {

    private final TcpClientProtocol protocol = new TcpClientProtocol();
    private final Received received = new Received();

    @Test
    void aClientIsOpenAsSoonAsItIsConnected() {
        assertThat(protocol.opened(null, null)).isTrue();
    }

    @Test
    void everyWholeLineIsAMessageAndTheRestWaits() {
        ByteBuffer in = readMode("{\"a\":1}\n{\"b\":2}\n{\"c\":");

        int needed = protocol.read(in, received);

        assertThat(received.messages).containsExactly("{\"a\":1}", "{\"b\":2}");
        assertThat(in.position()).as("the partial line is left unread").isEqualTo(16);
        assertThat(needed).as("no more than the buffer holds").isLessThanOrEqualTo(in.capacity());
    }

    @Test
    void aLineThatFillsTheBufferAsksForMoreRoom() {
        ByteBuffer in = readMode("{\"a\":\"no newline yet\"");

        int needed = protocol.read(in, received);

        assertThat(received.messages).isEmpty();
        assertThat(in.position()).isZero();
        assertThat(needed).isGreaterThan(in.capacity());
    }

    private static ByteBuffer readMode(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    /** Records what a protocol hands over, as text. */
    static final class Received implements ClientProtocol.Receiver {
        final List<String> messages = new ArrayList<>();
        final List<byte[]> replies = new ArrayList<>();
        int closes;

        @Override
        public void message(ByteBuffer in, int offset, int length) {
            byte[] bytes = new byte[length];
            in.get(offset, bytes);
            messages.add(new String(bytes, StandardCharsets.UTF_8));
        }

        @Override
        public void closedByServer() {
            closes++;
        }

        @Override
        public void reply(ByteBuffer frame) {
            byte[] bytes = new byte[frame.remaining()];
            frame.get(bytes);
            replies.add(bytes);
        }
    }
}
