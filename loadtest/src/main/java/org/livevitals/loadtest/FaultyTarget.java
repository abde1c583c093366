package org.livevitals.loadtest;

import org.livevitals.rawsockets.VitalSigns;

/**
 * A server that loses and repeats publications on purpose, so a test can prove the generator
 * counts every loss and every duplicate exactly (an instrument that cannot see a fault measures
 * nothing).
 */
final class FaultyTarget implements BroadcastTarget {

    private final BroadcastTarget target;
    private final int dropEvery;
    private final int duplicateEvery;

    /** Drops publications whose number is a multiple of {@code dropEvery}, sends those of {@code duplicateEvery} twice (0 = never). */
    FaultyTarget(BroadcastTarget target, int dropEvery, int duplicateEvery) {
        this.target = target;
        this.dropEvery = dropEvery;
        this.duplicateEvery = duplicateEvery;
    }

    static boolean hits(long pub, int every) {
        return every > 0 && pub % every == every - 1;
    }

    @Override
    public void publish(long pub, long dueMicros, VitalSigns reading) {
        if (hits(pub, dropEvery)) {
            return;
        }
        target.publish(pub, dueMicros, reading);
        if (hits(pub, duplicateEvery)) {
            target.publish(pub, dueMicros, reading);
        }
    }

    @Override
    public int port() {
        return target.port();
    }

    @Override
    public int connections() {
        return target.connections();
    }

    @Override
    public void sendToAll(String json) {
        target.sendToAll(json);
    }

    @Override
    public void close() throws Exception {
        target.close();
    }
}
