package org.livevitals.loadtest;

/**
 * The stamp a load test adds to each reading so every delivery can be counted and timed:
 * {@code {"pub":17,"due":...,"sentAt":...,"type":"reading",...}}.
 *
 * <p>{@code pub} numbers the publications 0, 1, 2, ... so the generator knows exactly which it
 * missed or got twice; {@code due} is when the schedule said to publish and {@code sentAt} when
 * the server actually serialized it (both in epoch microseconds). Latency from {@code sentAt}
 * shows the network and the client; latency from {@code due} also shows a publisher falling
 * behind.
 */
final class Publication {

    private Publication() {}

    /** Prefixes the stamp to a JSON object (serialized once, so stamped once). */
    static String stamp(String json, long pub, long dueMicros) {
        return "{\"pub\":" + pub + ",\"due\":" + dueMicros + ",\"sentAt\":" + Micros.now() + "," + json.substring(1);
    }

    /** Sent after the last publication: the generator then knows the exact number to expect. */
    static String end(long published) {
        return "{\"type\":\"end\",\"published\":" + published + "}";
    }
}
