package org.livevitals.broadcast;

/**
 * Thrown by a {@link org.livevitals.rawsockets.ReadingListener} that may not take a reading from this
 * sender: {@code POST /api/readings} answers 403 with its message. Lab 5 refuses a nurse's reading
 * for a patient who is not on her ward.
 */
public final class ReadingRefusedException extends RuntimeException {

    public ReadingRefusedException(String reason) {
        super(reason, null, false, false); // a refusal, not a failure: no stack trace to fill
    }
}
