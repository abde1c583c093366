package org.livevitals.echo;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * One WebSocket frame as it crossed the wire, decoded by hand in {@link RawWebSocket}.
 *
 * @param fin     true when this is the last frame of a message
 * @param opcode  what the payload is: {@link #TEXT}, {@link #BINARY}, {@link #CLOSE}, ...
 * @param payload the payload, already unmasked
 */
public record RawFrame(boolean fin, int opcode, byte[] payload) {

    public static final int CONTINUATION = 0x0;
    public static final int TEXT = 0x1;
    public static final int BINARY = 0x2;
    public static final int CLOSE = 0x8;
    public static final int PING = 0x9;
    public static final int PONG = 0xA;

    public String text() {
        return new String(payload, StandardCharsets.UTF_8);
    }

    /** A close frame's status code (its first two payload bytes), or 1005 "no status" if it has none. */
    public int closeCode() {
        return payload.length >= 2 ? ByteBuffer.wrap(payload).getShort() & 0xFFFF : 1005;
    }

    /** A close frame's reason: the UTF-8 text after the status code. */
    public String closeReason() {
        return payload.length > 2 ? new String(payload, 2, payload.length - 2, StandardCharsets.UTF_8) : "";
    }

    @Override
    public String toString() {
        return opcodeName() + (opcode == CLOSE ? " " + closeCode() + " '" + closeReason() + "'" : " '" + text() + "'");
    }

    private String opcodeName() {
        return opcode == TEXT ? "text" : opcode == BINARY ? "binary" : opcode == CLOSE ? "close"
                : opcode == PING ? "ping" : opcode == PONG ? "pong" : "opcode " + opcode;
    }
}
