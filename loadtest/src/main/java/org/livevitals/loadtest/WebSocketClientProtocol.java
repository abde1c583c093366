package org.livevitals.loadtest;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.livevitals.broadcast.MonitorServer;
import org.livevitals.echo.WebSocketAccept;

/**
 * A WebSocket client as lean as a receiving dashboard can be: the opening handshake (checking
 * {@code Sec-WebSocket-Accept}), then the server's frames, which are never masked, parsed straight
 * from the buffer. After its upgrade request it sends only pongs: Lab 4's server pings every
 * dashboard and cuts one that does not answer (a browser answers by itself). For Lab 5's server it
 * asks for a ticket just before its upgrade request and puts it in the URL, as Lab 5's page does.
 *
 * <p>Asked to, it offers {@code permessage-deflate} (RFC 7692) in its upgrade request, as every
 * browser does, and inflates the messages that come compressed: that is how a real dashboard's
 * connection costs the server.
 */
final class WebSocketClientProtocol implements ClientProtocol {

    /** What Chrome offers in every WebSocket handshake (Firefox offers {@code permessage-deflate} alone). */
    static final String BROWSER_EXTENSION_OFFER = "permessage-deflate; client_max_window_bits";
    private static final int FIN = 0x80;
    /** A compressed message's first frame has RSV1 set (RFC 7692, 6). */
    private static final int RSV1 = 0x40;
    /** The end of a deflate block that the sender took off each message (RFC 7692, 7.2.2). */
    private static final byte[] DEFLATE_TAIL = {0x00, 0x00, (byte) 0xFF, (byte) 0xFF};
    private static final int TEXT = 0x1;
    private static final int CLOSE = 0x8;
    private static final int PING = 0x9;
    private static final int PONG = 0xA;

    private final String key = WebSocketAccept.newKey();
    /** Lab 5's tickets ({@link Tickets#next}), or null for a server that asks for none. */
    private final Supplier<String> tickets;
    private final boolean offerDeflate;
    /** Set once the server accepted {@code permessage-deflate}: one per connection, since the server keeps its context. */
    private Inflater inflater;
    private byte[] inflated = new byte[1024];

    WebSocketClientProtocol() {
        this(null, false);
    }

    /**
     * @param tickets      gives a ticket for this connection's handshake; null for none
     * @param offerDeflate offers {@code permessage-deflate} as a browser does
     */
    WebSocketClientProtocol(Supplier<String> tickets, boolean offerDeflate) {
        this.tickets = tickets;
        this.offerDeflate = offerDeflate;
    }

    @Override
    public boolean opened(WritableByteChannel channel, InetSocketAddress server) throws IOException {
        String path = MonitorServer.WEBSOCKET_PATH + (tickets == null ? "" : "?ticket=" + tickets.get());
        String request = "GET " + path + " HTTP/1.1\r\nHost: " + server.getHostString()
                + ":" + server.getPort()
                + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: " + key
                + "\r\nSec-WebSocket-Version: 13\r\n"
                + (offerDeflate ? "Sec-WebSocket-Extensions: " + BROWSER_EXTENSION_OFFER + "\r\n" : "")
                + "\r\n";
        channel.write(ByteBuffer.wrap(request.getBytes(StandardCharsets.US_ASCII)));
        return false;
    }

    /** Consumes the 101 response once it is complete, up to its blank line. */
    @Override
    public boolean handshake(ByteBuffer in) {
        for (int i = in.position(); i + 3 < in.limit(); i++) {
            if (in.get(i) == '\r' && in.get(i + 1) == '\n' && in.get(i + 2) == '\r' && in.get(i + 3) == '\n') {
                byte[] head = new byte[i + 4 - in.position()];
                in.get(head);
                String response = new String(head, StandardCharsets.US_ASCII);
                if (!response.startsWith("HTTP/1.1 101")
                        || !response.contains("Sec-WebSocket-Accept: " + WebSocketAccept.forKey(key))) {
                    throw new IllegalStateException("handshake refused: " + response.lines().findFirst().orElse(""));
                }
                if (acceptedDeflate(response)) {
                    inflater = new Inflater(true); // raw deflate, no zlib header
                }
                return true;
            }
        }
        return false;
    }

    /** Whether the 101 {@code response} accepted {@code permessage-deflate}: an extension header names it. */
    static boolean acceptedDeflate(String response) {
        return response.lines()
                .map(line -> line.split(":", 2))
                .filter(header -> header.length == 2 && header[0].strip().equalsIgnoreCase("Sec-WebSocket-Extensions"))
                .flatMap(header -> Arrays.stream(header[1].split(",")))
                .map(extension -> extension.split(";", 2)[0].strip())
                .anyMatch(name -> name.equalsIgnoreCase("permessage-deflate"));
    }

    /** Text frames are messages; a close frame is counted; a ping is answered; the rest is skipped. */
    @Override
    public int read(ByteBuffer in, Receiver receiver) {
        while (in.remaining() >= 2) {
            int start = in.position();
            int opcode = in.get(start) & 0x0F;
            boolean compressed = (in.get(start) & RSV1) != 0;
            boolean last = (in.get(start) & FIN) != 0;
            int length = in.get(start + 1) & 0x7F;
            int header = 2;
            if (length == 126) {
                if (in.remaining() < 4) {
                    return 4;
                }
                length = in.getShort(start + 2) & 0xFFFF;
                header = 4;
            } else if (length == 127) {
                if (in.remaining() < 10) {
                    return 10;
                }
                length = (int) in.getLong(start + 2);
                header = 10;
            }
            if (in.remaining() < header + length) {
                return header + length;
            }
            if (opcode == CLOSE) {
                receiver.closedByServer();
            } else if (opcode == TEXT && compressed) {
                if (!last) { // the course's messages are small: Jetty sends each in one frame
                    throw new IllegalStateException("a compressed message in several frames, which this client does not join");
                }
                ByteBuffer text = inflate(in, start + header, length);
                receiver.message(text, 0, text.remaining());
            } else if (opcode == TEXT) {
                receiver.message(in, start + header, length);
            } else if (opcode == PING) {
                receiver.reply(pong(in, start + header, length));
            }
            in.position(start + header + length);
        }
        return 2;
    }

    /** A compressed message's text, inflated with this connection's context (RFC 7692, 7.2.2). */
    private ByteBuffer inflate(ByteBuffer in, int offset, int length) {
        if (inflater == null) {
            throw new IllegalStateException("a compressed frame on a connection that agreed on no compression");
        }
        byte[] compressed = new byte[length + DEFLATE_TAIL.length];
        in.get(offset, compressed, 0, length);
        System.arraycopy(DEFLATE_TAIL, 0, compressed, length, DEFLATE_TAIL.length);
        inflater.setInput(compressed);
        int inflatedLength = 0;
        try {
            int more;
            do {
                if (inflatedLength == inflated.length) {
                    inflated = Arrays.copyOf(inflated, inflated.length * 2);
                }
                more = inflater.inflate(inflated, inflatedLength, inflated.length - inflatedLength);
                inflatedLength += more;
            } while (more > 0 || !inflater.needsInput() && !inflater.needsDictionary() && !inflater.finished());
        } catch (DataFormatException corrupt) {
            throw new IllegalStateException("a compressed message that does not inflate: " + corrupt.getMessage());
        }
        return ByteBuffer.wrap(inflated, 0, inflatedLength);
    }

    /**
     * The pong that answers a ping with {@code length} bytes of payload at {@code offset}: a client's
     * frame must be masked (RFC 6455, 5.3), and a control frame's payload is at most 125 bytes.
     */
    static ByteBuffer pong(ByteBuffer in, int offset, int length) {
        ByteBuffer pong = ByteBuffer.allocate(6 + length);
        byte[] mask = new byte[4];
        ThreadLocalRandom.current().nextBytes(mask);
        pong.put((byte) (0x80 | PONG)).put((byte) (0x80 | length)).put(mask);
        for (int i = 0; i < length; i++) {
            pong.put((byte) (in.get(offset + i) ^ mask[i % 4]));
        }
        return pong.flip();
    }
}
