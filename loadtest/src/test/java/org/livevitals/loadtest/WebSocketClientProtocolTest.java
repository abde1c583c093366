package org.livevitals.loadtest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.Deflater;
import org.junit.jupiter.api.Test;
import org.livevitals.echo.WebSocketAccept;

/**
 * The generator's WebSocket client, against bytes a server would send: it accepts only the 101
 * that answers its own key, finds text and close frames of every length encoding, and answers each
 * ping with a masked pong.
 */
class WebSocketClientProtocolTest {

    private static final int PORT = 8080;
    private static final Pattern KEY = Pattern.compile("Sec-WebSocket-Key: (\\S+)\r\n");

    private final WebSocketClientProtocol protocol = new WebSocketClientProtocol();
    private final TcpClientProtocolTest.Received received = new TcpClientProtocolTest.Received();

    @Test
    void theUpgradeIsAcceptedWhenTheServerAnswersTheClientsKey() throws IOException {
        String key = sendUpgradeRequest();
        ByteBuffer in = bytes("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Accept: " + WebSocketAccept.forKey(key) + "\r\n\r\n", textFrame("{}"));

        assertThat(protocol.handshake(in)).isTrue();
        assertThat(protocol.read(in, received)).isLessThanOrEqualTo(in.capacity());
        assertThat(received.messages).as("the frame after the 101 in the same read").containsExactly("{}");
    }

    @Test
    void forLab5EachConnectionAsksForATicketJustBeforeItsUpgradeRequest() throws IOException {
        java.util.List<String> handedOut = new java.util.ArrayList<>();
        WebSocketClientProtocol withTicket = new WebSocketClientProtocol(() -> {
            handedOut.add("t" + handedOut.size());
            return handedOut.get(handedOut.size() - 1);
        }, false);
        ByteArrayOutputStream sent = new ByteArrayOutputStream();

        assertThat(handedOut).as("no ticket before the connection is up").isEmpty();
        withTicket.opened(Channels.newChannel(sent), new InetSocketAddress("127.0.0.1", PORT));

        assertThat(handedOut).containsExactly("t0");
        assertThat(sent.toString(StandardCharsets.US_ASCII)).startsWith("GET /ws?ticket=t0 HTTP/1.1\r\n");
    }

    @Test
    void offeringDeflateAsABrowserDoesItInflatesWhatTheServerCompressedKeepingTheContextBetweenMessages() throws IOException {
        WebSocketClientProtocol browserLike = new WebSocketClientProtocol(null, true);
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        browserLike.opened(Channels.newChannel(sent), new InetSocketAddress("127.0.0.1", PORT));
        String request = sent.toString(StandardCharsets.US_ASCII);
        assertThat(request).contains("\r\nSec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n");
        Matcher key = KEY.matcher(request);
        assertThat(key.find()).isTrue();

        Deflater server = new Deflater(Deflater.DEFAULT_COMPRESSION, true); // one context for the connection, as agreed
        String first = "{\"patientId\":\"P001\",\"heartRate\":72,\"spo2\":97,\"respiratoryRate\":16}";
        String second = "{\"patientId\":\"P001\",\"heartRate\":73,\"spo2\":97,\"respiratoryRate\":16}";
        String large = "{\"readings\":\"" + "P002 ".repeat(1_000) + "\"}"; // inflates to more than the first buffer
        byte[] firstFrame = compressedTextFrame(server, first);
        byte[] secondFrame = compressedTextFrame(server, second);
        assertThat(secondFrame.length).as("the second message refers back to the first: the context is kept").isLessThan(firstFrame.length / 2);
        ByteBuffer in = bytes("HTTP/1.1 101 Switching Protocols\r\nSec-WebSocket-Accept: " + WebSocketAccept.forKey(key.group(1))
                        + "\r\nSec-WebSocket-Extensions: permessage-deflate; client_max_window_bits=15\r\n\r\n",
                firstFrame, secondFrame, textFrame("plain"), compressedTextFrame(server, large));

        assertThat(browserLike.handshake(in)).isTrue();
        browserLike.read(in, received);

        assertThat(received.messages).containsExactly(first, second, "plain", large);
    }

    @Test
    void compressionCountsAsAcceptedOnlyWhenTheExtensionHeaderNamesIt() {
        assertThat(WebSocketClientProtocol.acceptedDeflate("HTTP/1.1 101\r\nsec-websocket-extensions:permessage-deflate\r\n")).isTrue();
        assertThat(WebSocketClientProtocol.acceptedDeflate("HTTP/1.1 101\r\nSec-WebSocket-Extensions: x-other, Permessage-Deflate ;"
                + " server_no_context_takeover\r\n")).isTrue();
        assertThat(WebSocketClientProtocol.acceptedDeflate("HTTP/1.1 101\r\nSec-WebSocket-Extensions: permessage-deflate-x\r\n")).isFalse();
        assertThat(WebSocketClientProtocol.acceptedDeflate("HTTP/1.1 101\r\nX-Note: permessage-deflate\r\n")).isFalse();
    }

    @Test
    void aCompressedMessageInSeveralFramesFailsTheGeneratorRatherThanCorruptingTheContext() throws IOException {
        WebSocketClientProtocol browserLike = new WebSocketClientProtocol(null, true);
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        browserLike.opened(Channels.newChannel(sent), new InetSocketAddress("127.0.0.1", PORT));
        Matcher key = KEY.matcher(sent.toString(StandardCharsets.US_ASCII));
        assertThat(key.find()).isTrue();
        byte[] firstOfTwo = compressedTextFrame(new Deflater(Deflater.DEFAULT_COMPRESSION, true), "{}");
        firstOfTwo[0] &= 0x7F; // FIN off: more frames of this message would follow
        ByteBuffer in = bytes("HTTP/1.1 101 Switching Protocols\r\nSec-WebSocket-Accept: " + WebSocketAccept.forKey(key.group(1))
                + "\r\nSec-WebSocket-Extensions: permessage-deflate\r\n\r\n", firstOfTwo);

        assertThat(browserLike.handshake(in)).isTrue();
        assertThatThrownBy(() -> browserLike.read(in, received)).hasMessageContaining("several frames");
    }

    @Test
    void aCompressedFrameOnAConnectionThatAgreedOnNoCompressionFailsTheGenerator() throws IOException {
        sendUpgradeRequest();
        ByteBuffer in = bytes(compressedTextFrame(new Deflater(Deflater.DEFAULT_COMPRESSION, true), "{}"));

        assertThatThrownBy(() -> protocol.read(in, received)).hasMessageContaining("agreed on no compression");
    }

    @Test
    void aResponseStillArrivingIsLeftInTheBuffer() throws IOException {
        sendUpgradeRequest();
        ByteBuffer in = bytes("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n");

        assertThat(protocol.handshake(in)).isFalse();
        assertThat(in.position()).isZero();
    }

    @Test
    void aRefusedOrForeignUpgradeFailsTheGenerator() throws IOException {
        sendUpgradeRequest();
        ByteBuffer wrongKey = bytes("HTTP/1.1 101 Switching Protocols\r\nSec-WebSocket-Accept: "
                + WebSocketAccept.forKey(WebSocketAccept.newKey()) + "\r\n\r\n");
        ByteBuffer refused = bytes("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\n\r\n");

        assertThatThrownBy(() -> protocol.handshake(wrongKey)).hasMessageContaining("handshake refused");
        assertThatThrownBy(() -> protocol.handshake(refused)).hasMessage("handshake refused: HTTP/1.1 403 Forbidden");
    }

    @Test
    void textFramesOfEveryLengthEncodingAreMessagesPingsAreAnsweredAndACloseIsCounted() {
        String small = "x".repeat(125);
        String medium = "y".repeat(126);
        String large = "z".repeat(70_000);
        byte[] ping = frame(0x9, "ping".getBytes(StandardCharsets.US_ASCII));
        ByteBuffer in = bytes(textFrame(small), ping, textFrame(medium), ping, textFrame(large),
                frame(0x8, new byte[] {0x03, (byte) 0xE8}));

        protocol.read(in, received);

        assertThat(received.messages).containsExactly(small, medium, large);
        assertThat(received.closes).isEqualTo(1);
        assertThat(received.replies).as("a pong per ping").hasSize(2);
        assertThat(in.hasRemaining()).isFalse();
    }

    @Test
    void aPingIsAnsweredWithAMaskedPongCarryingTheSamePayload() {
        ByteBuffer in = bytes(frame(0x9, new byte[0]), frame(0x9, "are you there".getBytes(StandardCharsets.US_ASCII)));

        protocol.read(in, received);

        assertThat(received.replies).hasSize(2);
        byte[] empty = received.replies.get(0);
        assertThat(empty).hasSize(6);
        assertThat(empty[0]).as("FIN and opcode pong").isEqualTo((byte) 0x8A);
        assertThat(empty[1]).as("masked, no payload").isEqualTo((byte) 0x80);
        byte[] pong = received.replies.get(1);
        assertThat(pong[0]).isEqualTo((byte) 0x8A);
        assertThat(pong[1]).as("masked, 13 bytes").isEqualTo((byte) (0x80 | 13));
        byte[] unmasked = new byte[13];
        for (int i = 0; i < unmasked.length; i++) {
            unmasked[i] = (byte) (pong[6 + i] ^ pong[2 + i % 4]);
        }
        assertThat(new String(unmasked, StandardCharsets.US_ASCII)).isEqualTo("are you there");
        assertThat(received.messages).isEmpty();
    }

    @Test
    void aFrameNotYetWholeWaitsAndSaysHowMuchItNeeds() {
        byte[] whole = textFrame("a".repeat(300));
        ByteBuffer in = ByteBuffer.wrap(whole, 0, 100).slice();

        int needed = protocol.read(in, received);

        assertThat(received.messages).isEmpty();
        assertThat(in.position()).isZero();
        assertThat(needed).isEqualTo(whole.length);
    }

    /** Sends the upgrade request as a connected client would, and returns the key it carries. */
    private String sendUpgradeRequest() throws IOException {
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        boolean openAtOnce = protocol.opened(Channels.newChannel(sent), new InetSocketAddress("127.0.0.1", PORT));
        assertThat(openAtOnce).as("open only after the 101").isFalse();
        String request = sent.toString(StandardCharsets.US_ASCII);
        assertThat(request).startsWith("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + PORT + "\r\n").endsWith("\r\n\r\n");
        Matcher key = KEY.matcher(request);
        assertThat(key.find()).isTrue();
        return key.group(1);
    }

    /** A message compressed as RFC 7692 says: a sync flush, its last four bytes taken off, RSV1 set. */
    private static byte[] compressedTextFrame(Deflater deflater, String text) {
        deflater.setInput(text.getBytes(StandardCharsets.UTF_8));
        byte[] out = new byte[64 * 1024];
        int length = deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH);
        byte[] frame = frame(0x1, Arrays.copyOf(out, length - 4));
        frame[0] |= 0x40;
        return frame;
    }

    private static byte[] textFrame(String text) {
        return frame(0x1, text.getBytes(StandardCharsets.UTF_8));
    }

    /** A final, unmasked server frame, with the shortest length encoding that fits. */
    private static byte[] frame(int opcode, byte[] payload) {
        ByteBuffer frame = ByteBuffer.allocate(payload.length + 10);
        frame.put((byte) (0x80 | opcode));
        if (payload.length < 126) {
            frame.put((byte) payload.length);
        } else if (payload.length <= 0xFFFF) {
            frame.put((byte) 126).putShort((short) payload.length);
        } else {
            frame.put((byte) 127).putLong(payload.length);
        }
        frame.put(payload).flip();
        byte[] bytes = new byte[frame.remaining()];
        frame.get(bytes);
        return bytes;
    }

    private static ByteBuffer bytes(Object... parts) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (Object part : parts) {
            all.writeBytes(part instanceof String text ? text.getBytes(StandardCharsets.US_ASCII) : (byte[]) part);
        }
        return ByteBuffer.wrap(all.toByteArray());
    }
}
