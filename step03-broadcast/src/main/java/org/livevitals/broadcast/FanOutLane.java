package org.livevitals.broadcast;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One lane of {@link FanOut}: a thread of its own that runs broadcasts one after another, in the
 * order they were submitted, from a bounded backlog.
 *
 * <p>Why a publisher waits when the backlog is full, and not something else: dropping the
 * broadcast would silently cost every dashboard of the lane a reading, and running it on the
 * publisher's thread would let that publisher's reading overtake its earlier ones still queued
 * here, so a dashboard would see one patient's readings out of order.
 * Waiting slows every source (a device's {@code OK}, a POST's answer) to the pace the server can
 * really deliver: backpressure, the same thing TCP does.
 */
final class FanOutLane implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(FanOutLane.class);

    private final BlockingQueue<Runnable> backlog;
    private final Thread thread;
    private volatile boolean closed;

    FanOutLane(String name, int maxBacklog) {
        this.backlog = new ArrayBlockingQueue<>(maxBacklog);
        this.thread = new Thread(this::runBroadcasts, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Queues {@code broadcast}, waiting for room while the backlog is full; ignored once closed. */
    void submit(Runnable broadcast) {
        if (closed) {
            return;
        }
        try {
            backlog.put(broadcast);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the publisher is being stopped: let it see so
        }
    }

    int backlog() {
        return backlog.size();
    }

    private void runBroadcasts() {
        while (!closed) {
            Runnable broadcast;
            try {
                broadcast = backlog.take();
            } catch (InterruptedException e) {
                return; // closed
            }
            try {
                broadcast.run();
            } catch (RuntimeException | Error e) {
                // Even an Error: a dead lane thread would leave every publisher waiting for room for good.
                log.error("a broadcast failed on {}; the lane goes on", thread.getName(), e);
            }
        }
    }

    /** Stops the thread and drops what is still waiting, which also frees any publisher waiting for room. */
    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        backlog.clear();
    }
}
