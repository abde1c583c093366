package org.livevitals.rawsockets;

/**
 * A line that breaks the protocol. The message is the reason, written for the person at the
 * other end: the server sends it back as {@code ERR <reason>}.
 */
public final class InvalidLineException extends Exception {

    public InvalidLineException(String reason) {
        super(reason);
    }
}
