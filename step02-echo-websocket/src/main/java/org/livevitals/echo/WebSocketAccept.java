package org.livevitals.echo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The one calculation at the heart of the WebSocket handshake (RFC 6455, section 4.2.2).
 *
 * <p>The client sends a random {@code Sec-WebSocket-Key}; the server proves it understood the
 * upgrade by answering with {@code Sec-WebSocket-Accept} = base64(SHA-1(key + a fixed GUID)). A
 * plain HTTP server, or a cache replaying an old response, cannot produce that value, so the
 * client knows it is really talking WebSocket.
 */
public final class WebSocketAccept {

    /** Fixed by RFC 6455; every WebSocket server in the world appends the same one. */
    public static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private static final SecureRandom RANDOM = new SecureRandom();

    private WebSocketAccept() {}

    /** A fresh {@code Sec-WebSocket-Key}: 16 random bytes, base64-encoded. */
    public static String newKey() {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        return Base64.getEncoder().encodeToString(nonce);
    }

    /** The {@code Sec-WebSocket-Accept} value a correct server answers to {@code key}. */
    public static String forKey(String key) {
        // Exercise 1 starts here (scenarios L2-03)
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1")
                    .digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
        // Exercise 1 ends here
    }
}
