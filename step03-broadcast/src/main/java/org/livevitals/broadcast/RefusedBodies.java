package org.livevitals.broadcast;

import org.eclipse.jetty.server.Request;

/**
 * What an API does with the body of a request it refuses: reads and drops it, if it is small, before
 * answering. A client is often still sending the body when the refusal goes out; if the server then
 * closed the connection with the body unread, the client could meet a reset connection (or, writing,
 * a broken pipe) instead of the answer. Every error answer an API sends through {@link JsonResponses}
 * does this first.
 */
public final class RefusedBodies {

    /** Up to this many bytes are read and dropped; a larger body is not worth it, and Jetty closes the connection after the answer. */
    static final int DISCARDED_BODY_BYTES = 64 * 1024;

    private RefusedBodies() {}

    /**
     * Reads and drops a refused body of at most {@link #DISCARDED_BODY_BYTES}, then runs {@code answer}. A chunked
     * body says its size only at its end, so up to that many of its bytes are read to find out. A body that cannot
     * be read (a broken chunk, a client gone, more than that) is left: the refusal is still the answer. The bytes
     * are read as the client sends them ({@link RequestBodies}): a client that trickles a refused body delays only
     * its own answer.
     */
    public static void discardThen(Request request, Runnable answer) {
        long length = request.getLength();
        if (length == 0 || length > DISCARDED_BODY_BYTES) {
            answer.run();
            return;
        }
        RequestBodies.drop(request, DISCARDED_BODY_BYTES, answer);
    }
}
