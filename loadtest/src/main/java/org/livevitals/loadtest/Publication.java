package org.livevitals.loadtest;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The stamp a load test adds to each reading so every delivery can be counted and timed:
 * {@code {"pub":17,"due":...,"sentAt":...,"type":"reading",...}}.
 *
 * <p>{@code pub} numbers the publications 0, 1, 2, ... so the generator knows exactly which it
 * missed or got twice; {@code due} is when the schedule said to publish and {@code sentAt} when
 * the server actually serialized it (both in epoch microseconds). Latency from {@code sentAt}
 * shows the network and the client; latency from {@code due} also shows a publisher falling
 * behind.
 *
 * <p>The server writes the stamp and the generator reads it back, both here, so the two cannot
 * drift apart. The generator reads only the front of each message, straight from its buffer:
 * parsing the whole JSON of every delivery would make it as busy as the server it measures.
 */
final class Publication {

    private static final String STAMP = "{\"pub\":";
    private static final String END = "{\"type\":\"end\"";
    private static final byte[] STAMP_BYTES = STAMP.getBytes(StandardCharsets.US_ASCII);
    private static final byte[] END_BYTES = END.getBytes(StandardCharsets.US_ASCII);

    /** What the generator reads from a stamp: the publication's number, when it was due and when it was sent. */
    record Stamp(long pub, long dueMicros, long sentAtMicros) {}

    private Publication() {}

    /** Prefixes the stamp to a JSON object (serialized once, so stamped once). */
    static String stamp(String json, long pub, long dueMicros) {
        return STAMP + pub + ",\"due\":" + dueMicros + ",\"sentAt\":" + Micros.now() + "," + json.substring(1);
    }

    /** Sent after the last publication: the generator then knows the exact number to expect. */
    static String end(long published) {
        return END + ",\"published\":" + published + "}";
    }

    /**
     * Reads the stamp at the front of the message in {@code length} bytes of {@code in} from
     * {@code offset}, without parsing the rest of the JSON; null when the message has no stamp.
     */
    static Stamp readStamp(ByteBuffer in, int offset, int length) {
        if (!startsWith(in, offset, length, STAMP_BYTES)) {
            return null;
        }
        int at = offset + STAMP_BYTES.length;
        long pub = number(in, at);
        at = nextNumber(in, at); // past ,"due":
        long due = number(in, at);
        at = nextNumber(in, at); // past ,"sentAt":
        return new Stamp(pub, due, number(in, at));
    }

    /** Whether the message is the one {@link #end} writes. */
    static boolean isEnd(ByteBuffer in, int offset, int length) {
        return startsWith(in, offset, length, END_BYTES);
    }

    private static long number(ByteBuffer in, int at) {
        long value = 0;
        while (Character.isDigit(in.get(at))) {
            value = value * 10 + (in.get(at++) - '0');
        }
        return value;
    }

    /** Where the number after the one at {@code at} starts. */
    private static int nextNumber(ByteBuffer in, int at) {
        while (Character.isDigit(in.get(at))) {
            at++;
        }
        while (!Character.isDigit(in.get(at))) {
            at++;
        }
        return at;
    }

    private static boolean startsWith(ByteBuffer in, int offset, int length, byte[] prefix) {
        if (length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (in.get(offset + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}
