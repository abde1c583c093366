package org.livevitals.broadcast;

/** A message from a client (or an HTTP body) the server cannot use; the message says why, for the client. */
public final class BadMessageException extends Exception {

    public BadMessageException(String reason) {
        super(reason);
    }
}
