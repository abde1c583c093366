package org.livevitals.broadcast;

import java.io.IOException;
import java.io.InputStream;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.util.thread.Invocable;

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
     * Reads and drops a refused body of at most {@link #DISCARDED_BODY_BYTES}. A chunked body says its
     * size only at its end, so up to that many of its bytes are read to find out. A body that cannot be
     * read (a broken chunk, a client gone) is left: the refusal is still the answer.
     */
    public static void discard(Request request) {
        if (Invocable.isNonBlockingInvocation()) {
            return; // this thread promised not to block (a non-blocking handler run by Jetty's selector): Jetty closes instead
        }
        long length = request.getLength();
        try {
            if (length > 0 && length <= DISCARDED_BODY_BYTES) {
                Content.Source.consumeAll(request);
            } else if (length < 0) {
                InputStream body = Content.Source.asInputStream(request);
                byte[] dropped = new byte[4096];
                long read = 0;
                for (int n = 0; n != -1 && read <= DISCARDED_BODY_BYTES; n = body.read(dropped)) {
                    read += n;
                }
            }
        } catch (IOException unreadable) {
            // nothing to do: Jetty closes the connection after the answer
        }
    }
}
