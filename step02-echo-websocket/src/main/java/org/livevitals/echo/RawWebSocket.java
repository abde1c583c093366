package org.livevitals.echo;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.livevitals.rawsockets.WireText;

/**
 * A WebSocket client written on a bare {@link Socket}: the bridge from Lab 1.
 *
 * <p>It does by hand what Jetty's client does for us: writes the HTTP Upgrade request, checks the
 * {@code 101 Switching Protocols} answer and its {@code Sec-WebSocket-Accept}, then frames every
 * message itself (a client must mask each frame) and decodes the server's frames byte by byte.
 * Tests also use it to send what a well-behaved library never would: unmasked frames and invalid
 * UTF-8.
 */
public final class RawWebSocket implements AutoCloseable {

    /** {@code Sec-WebSocket-Version} of RFC 6455, the only version in use. */
    public static final String VERSION = "13";

    /** The most of a refusal's body {@link HandshakeRefusedException} keeps. */
    static final int MAX_REFUSAL_BODY_BYTES = 16 * 1024;

    private static final SecureRandom RANDOM = new SecureRandom();

    /** What the server answered to the upgrade request. */
    public record Handshake(String key, int status, String statusLine, Map<String, String> headers) {

        /** A header's value, by case-insensitive name. */
        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** The server did not switch to WebSocket: its answer and the start of its body, to read. */
    public static final class HandshakeRefusedException extends IOException {

        private final transient Handshake handshake;
        private final String body;

        HandshakeRefusedException(String message, Handshake handshake, String body) {
            super(message);
            this.handshake = handshake;
            this.body = body;
        }

        public Handshake handshake() {
            return handshake;
        }

        /** The body of the refusal (a sentence, from a kind server), up to {@link #MAX_REFUSAL_BODY_BYTES}. */
        public String body() {
            return body;
        }
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Handshake handshake;

    private RawWebSocket(Socket socket, Handshake handshake) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
        this.handshake = handshake;
    }

    /**
     * Connects and performs the opening handshake.
     *
     * @param trace told every line of the handshake, to show it to a person
     * @throws HandshakeRefusedException if the server does not answer 101 with the right accept value
     * @throws IOException if the connection fails
     */
    public static RawWebSocket connect(String host, int port, String path, Consumer<String> trace) throws IOException {
        return connect(host, port, path, VERSION, trace);
    }

    /**
     * Connects and asks for WebSocket {@code version}: only {@value #VERSION} exists, so another
     * value shows how a server answers a version it does not speak.
     */
    public static RawWebSocket connect(String host, int port, String path, String version, Consumer<String> trace)
            throws IOException {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(host, port), 5_000);
        } catch (IOException e) {
            socket.close();
            throw new IOException("cannot connect to " + host + ":" + port + " (" + e.getMessage()
                    + "): is the server running?", e);
        }
        socket.setSoTimeout(10_000); // never wait forever for a server that went quiet
        String key = WebSocketAccept.newKey();
        String request = "GET " + path + " HTTP/1.1\r\n"
                + "Host: " + host + ":" + port + "\r\n"
                + "Upgrade: websocket\r\n"
                + "Connection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\n"
                + "Sec-WebSocket-Version: " + version + "\r\n"
                + "\r\n";
        request.lines().forEach(line -> trace.accept("> " + line));
        socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));

        InputStream response = socket.getInputStream();
        // The server's lines are shown escaped: the trace is for a person's terminal.
        String statusLine = readHttpLine(response);
        trace.accept("< " + WireText.printable(statusLine));
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = readHttpLine(response); !line.isEmpty(); line = readHttpLine(response)) {
            trace.accept("< " + WireText.printable(line));
            int colon = line.indexOf(':');
            headers.put(line.substring(0, colon).trim().toLowerCase(Locale.ROOT), line.substring(colon + 1).trim());
        }
        Handshake handshake = new Handshake(key, Integer.parseInt(statusLine.split(" ")[1]), statusLine, headers);
        String expected = WebSocketAccept.forKey(key);
        if (handshake.status() != 101 || !expected.equals(handshake.header("Sec-WebSocket-Accept"))) {
            String body = handshake.status() == 101 ? "" : readBody(response, handshake);
            socket.close();
            throw new HandshakeRefusedException("handshake refused: " + WireText.printable(statusLine)
                    + ", Sec-WebSocket-Accept " + WireText.printable(String.valueOf(handshake.header("Sec-WebSocket-Accept")))
                    + " (expected " + expected + ")", handshake, body);
        }
        trace.accept("Sec-WebSocket-Accept matches base64(SHA-1(key + GUID)) = " + expected);
        return new RawWebSocket(socket, handshake);
    }

    /**
     * Reads one header line, byte by byte, so not one byte of the first WebSocket frame is taken
     * from the stream by mistake.
     */
    private static String readHttpLine(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("connection closed during the handshake");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    /** The body of a refusal, as long as its {@code Content-Length} says, cut at {@link #MAX_REFUSAL_BODY_BYTES}. */
    private static String readBody(InputStream in, Handshake handshake) throws IOException {
        String length = handshake.header("Content-Length");
        int kept = length == null ? 0 : (int) Math.min(Long.parseLong(length), MAX_REFUSAL_BODY_BYTES);
        return new String(in.readNBytes(kept), StandardCharsets.UTF_8);
    }

    public Handshake handshake() {
        return handshake;
    }

    /** Sends one text message as a single masked frame. */
    public void sendText(String text) throws IOException {
        sendFrame(RawFrame.TEXT, text.getBytes(StandardCharsets.UTF_8), true);
    }

    /** Sends a close frame with a status code and reason. */
    public void sendClose(int code, String reason) throws IOException {
        byte[] reasonBytes = reason.getBytes(StandardCharsets.UTF_8);
        ByteBuffer payload = ByteBuffer.allocate(2 + reasonBytes.length).putShort((short) code).put(reasonBytes);
        sendFrame(RawFrame.CLOSE, payload.array(), true);
    }

    /**
     * Writes one frame with FIN set (RFC 6455, section 5.2). Clients must set {@code masked}; the
     * parameter exists so a test can show what a server does with an unmasked frame.
     */
    public void sendFrame(int opcode, byte[] payload, boolean masked) throws IOException {
        // Exercise 2 starts here (scenarios L2-04)
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x80 | opcode); // FIN bit + opcode
        int maskBit = masked ? 0x80 : 0;
        if (payload.length < 126) {
            frame.write(maskBit | payload.length);
        } else if (payload.length <= 0xFFFF) {
            frame.write(maskBit | 126); // the length follows in 2 bytes
            frame.writeBytes(ByteBuffer.allocate(2).putShort((short) payload.length).array());
        } else {
            frame.write(maskBit | 127); // the length follows in 8 bytes
            frame.writeBytes(ByteBuffer.allocate(8).putLong(payload.length).array());
        }
        byte[] body = payload.clone();
        if (masked) {
            byte[] mask = new byte[4];
            RANDOM.nextBytes(mask);
            frame.writeBytes(mask);
            for (int i = 0; i < body.length; i++) {
                body[i] ^= mask[i % 4];
            }
        }
        frame.writeBytes(body);
        out.write(frame.toByteArray());
        out.flush();
        // Exercise 2 ends here
    }

    /** Reads and decodes the next frame from the server, byte by byte. */
    public RawFrame readFrame() throws IOException {
        int first = readByte();
        boolean fin = (first & 0x80) != 0;
        int opcode = first & 0x0F;
        int second = readByte();
        boolean masked = (second & 0x80) != 0; // servers never mask, but decode it if one did
        long length = second & 0x7F;
        if (length == 126) {
            length = ByteBuffer.wrap(readBytes(2)).getShort() & 0xFFFF;
        } else if (length == 127) {
            length = ByteBuffer.wrap(readBytes(8)).getLong();
        }
        byte[] mask = masked ? readBytes(4) : null;
        byte[] payload = readBytes(Math.toIntExact(length));
        if (mask != null) {
            for (int i = 0; i < payload.length; i++) {
                payload[i] ^= mask[i % 4];
            }
        }
        return new RawFrame(fin, opcode, payload);
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("the server closed the connection");
        }
        return b;
    }

    private byte[] readBytes(int count) throws IOException {
        byte[] bytes = in.readNBytes(count);
        if (bytes.length < count) {
            throw new EOFException("the server closed the connection mid-frame");
        }
        return bytes;
    }

    /** Closes the TCP connection (without a closing handshake: use {@link #sendClose} first for that). */
    @Override
    public void close() throws IOException {
        socket.close();
    }
}
