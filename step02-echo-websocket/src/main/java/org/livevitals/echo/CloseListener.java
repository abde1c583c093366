package org.livevitals.echo;

/**
 * Told how each WebSocket session ended: the server logs it, and a test can watch for it.
 *
 * <p>Every WebSocket conversation ends with a status code (1000 normal, 1001 going away, 1009
 * too big, ...), and the code is often the only clue to what went wrong. Making it visible is the
 * point of this lab.
 */
@FunctionalInterface
public interface CloseListener {

    /**
     * @param reason the close frame's reason, as it came off the wire (or null): escape it with
     *               {@code WireText.printable} before logging it
     */
    void onClose(String client, int statusCode, String reason);
}
