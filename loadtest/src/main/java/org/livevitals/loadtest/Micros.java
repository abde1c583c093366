package org.livevitals.loadtest;

import java.time.Instant;

/** Wall-clock time in microseconds since the epoch: server and generator share this machine's clock. */
final class Micros {

    private Micros() {}

    static long now() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }
}
