package org.livevitals.cli;

import java.util.concurrent.CountDownLatch;

/**
 * Keeps a command-line program alive until Ctrl-C, then shuts it down properly.
 *
 * <p>Ctrl-C makes the JVM run its shutdown hooks before it exits. The hook here closes the
 * server or device, so sockets are closed and threads end instead of being cut off mid-write.
 * Every step's programs use it.
 */
public final class CtrlC {

    private CtrlC() {}

    /** Blocks until Ctrl-C (or any normal JVM shutdown), then closes {@code running}. */
    public static void awaitAndClose(AutoCloseable running) throws InterruptedException {
        CountDownLatch closed = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                running.close();
            } catch (Exception e) {
                System.err.println("shutdown: " + e.getMessage());
            } finally {
                closed.countDown();
            }
        }, "shutdown"));
        closed.await();
    }
}
