package org.livevitals.broadcast;

import java.io.ByteArrayOutputStream;
import java.util.function.BiConsumer;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;

/**
 * Reads a request's body as it arrives, holding no thread while the client sends it.
 *
 * <p>Jetty calls a handler as soon as the headers are in; the body may still be on its way, a byte every few
 * seconds if the client likes. A blocking read would keep one of Jetty's threads for all that time, and Jetty's pool
 * is bounded (Lab 2), so a few slow clients could take every thread. Here each chunk is read when Jetty has it, and
 * when none is there yet, the reader asks Jetty to call it back ({@code demand}) and returns. Jetty treats that
 * callback, a plain {@code Runnable}, as work that may block, and runs it on a pool thread while another watches the
 * sockets, so what follows the body may block (publishing waits for room in the fan-out lanes; a password check
 * takes 60 ms).
 *
 * <p>Unlike Jetty's own {@code Content.Source.asByteArrayAsync}, a failure (the connection's idle timeout, a broken
 * chunk, a body over the limit) only reaches the caller: the request itself is not failed, so the caller's answer (a
 * 400, a refusal) still goes out.
 */
public final class RequestBodies {

    private RequestBodies() {}

    /**
     * Reads the whole body, at most {@code maxBytes}, then calls {@code then} once: with the bytes, or with why they
     * could not be read (then the bytes are null).
     */
    public static void read(Request request, int maxBytes, BiConsumer<byte[], Throwable> then) {
        new Reader(request, maxBytes, true, then).run();
    }

    /**
     * Reads and drops the body, up to {@code maxBytes}, then runs {@code then}: at the body's end, at a failure, or
     * once more than {@code maxBytes} have come (the rest is left unread).
     */
    public static void drop(Request request, int maxBytes, Runnable then) {
        new Reader(request, maxBytes, false, (body, failure) -> then.run()).run();
    }

    /** One body's reading: runs until Jetty has no chunk ready, then again when Jetty calls it back. */
    private static final class Reader implements Runnable {

        private final Request request;
        private final int maxBytes;
        private final ByteArrayOutputStream kept;
        private final BiConsumer<byte[], Throwable> then;
        private long read;

        Reader(Request request, int maxBytes, boolean keep, BiConsumer<byte[], Throwable> then) {
            this.request = request;
            this.maxBytes = maxBytes;
            this.kept = keep ? new ByteArrayOutputStream() : null;
            this.then = then;
        }

        @Override
        public void run() {
            while (true) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    then.accept(null, chunk.getFailure());
                    return;
                }
                read += chunk.remaining();
                if (read > maxBytes) {
                    chunk.release();
                    then.accept(null, new IllegalStateException("more than " + maxBytes + " bytes"));
                    return;
                }
                if (kept != null) {
                    byte[] bytes = new byte[chunk.remaining()];
                    chunk.getByteBuffer().get(bytes);
                    kept.writeBytes(bytes);
                }
                boolean last = chunk.isLast();
                chunk.release();
                if (last) {
                    then.accept(kept == null ? null : kept.toByteArray(), null);
                    return;
                }
            }
        }
    }
}
