package org.livevitals.rawsockets;

/**
 * What the {@link LineFramer} found next in the byte stream.
 *
 * <p>TCP delivers bytes, not messages: one read may hold half a line or three lines. The framer
 * turns those bytes into these frames, and each kind needs its own answer from the server.
 */
public sealed interface Frame {

    /** A complete line, decoded from UTF-8, without its {@code \n} (or {@code \r\n}). */
    record Line(String text) implements Frame {}

    /** The line grew past the limit; the rest of it, up to the next newline, is skipped unread. */
    record TooLong(int limitBytes) implements Frame {}

    /** A complete line whose bytes are not valid UTF-8. */
    record NotUtf8() implements Frame {}

    /** The peer closed the connection; {@code danglingBytes} of an unfinished line were dropped. */
    record End(int danglingBytes) implements Frame {}
}
