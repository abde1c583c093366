package org.livevitals.rawsockets;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * Live counters of what the server has seen: a person reads them in the log, a test awaits them.
 *
 * <p>Counters, not flags, because devices work concurrently: many threads add at once, so they
 * are atomic, and nobody has to lock anything to read them.
 */
public final class ServerStats {

    private final AtomicInteger openConnections = new AtomicInteger();
    private final LongAdder bytesReceived = new LongAdder();
    private final LongAdder readingsAccepted = new LongAdder();
    private final LongAdder linesRejected = new LongAdder();
    private final LongAdder devicesRefused = new LongAdder();
    private final LongAdder acceptFailures = new LongAdder();

    public int openConnections() {
        return openConnections.get();
    }

    public long bytesReceived() {
        return bytesReceived.sum();
    }

    public long readingsAccepted() {
        return readingsAccepted.sum();
    }

    public long linesRejected() {
        return linesRejected.sum();
    }

    public long devicesRefused() {
        return devicesRefused.sum();
    }

    /** Times accept itself failed (e.g. too many open files); the server paused and went on accepting. */
    public long acceptFailures() {
        return acceptFailures.sum();
    }

    int connectionOpened() {
        return openConnections.incrementAndGet();
    }

    int connectionClosed() {
        return openConnections.decrementAndGet();
    }

    void bytesRead(int count) {
        bytesReceived.add(count);
    }

    void readingAccepted() {
        readingsAccepted.increment();
    }

    void lineRejected() {
        linesRejected.increment();
    }

    void deviceRefused() {
        devicesRefused.increment();
    }

    void acceptFailed() {
        acceptFailures.increment();
    }
}
