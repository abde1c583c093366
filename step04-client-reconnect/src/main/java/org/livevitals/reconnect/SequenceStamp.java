package org.livevitals.reconnect;

/**
 * Writes a message's sequence number into its JSON text.
 *
 * <p>The reading is serialized once, for every dashboard, and the number is added to that one text:
 * {@code {"type":"reading",...}} becomes {@code {"type":"reading",...,"seq":42}}. It goes at the end
 * so that anything at the front of the object, such as the load test's timing stamp, stays where it
 * is. Lab 6's nodes stamp the messages the backplane brings them the same way.
 */
public final class SequenceStamp {

    private SequenceStamp() {}

    public static String withSeq(String jsonObject, long seq) {
        if (!jsonObject.endsWith("}")) {
            throw new IllegalArgumentException("not a JSON object: " + jsonObject);
        }
        return jsonObject.substring(0, jsonObject.length() - 1) + ",\"seq\":" + seq + "}";
    }
}
