package org.livevitals.scaling;

import java.util.Optional;

/**
 * The names of everything the cluster keeps in Redis, in one place, all under {@code livevitals:}.
 *
 * <pre>
 * livevitals:epoch               the cluster's epoch (a string)
 * livevitals:seq                 the number of the last message (a counter)
 * livevitals:stream              the shared history: a stream whose ids are 0-&lt;seq&gt;
 * livevitals:latest:&lt;ward&gt;       the latest reading of each patient on the ward (a hash of Lab 1 lines)
 * livevitals:latest-at:&lt;ward&gt;    when each of those patients was last heard from (a sorted set, scored in ms)
 * livevitals:latest-taken:&lt;ward&gt; when each of those readings was taken (a sorted set, scored in ms)
 * livevitals:ward:&lt;ward&gt;         the ward's topic (pub/sub)
 * livevitals:no-ward             the topic of patients on no ward (doctors only)
 * livevitals:alerts              every active alert of the cluster (a hash: id -> patient, newline, message)
 * livevitals:device-node:&lt;patient&gt;  which node the patient's device is connected to (a string that expires)
 * livevitals:node:&lt;id&gt;          a node's mailbox (pub/sub)
 * livevitals:ticket:&lt;id&gt;        a spent ticket, until it would have expired anyway
 * </pre>
 */
final class RedisKeys {

    static final String EPOCH = "livevitals:epoch";
    static final String SEQ = "livevitals:seq";
    static final String STREAM = "livevitals:stream";
    static final String ALERTS = "livevitals:alerts";

    private static final String DEVICE_NODE = "livevitals:device-node:";
    private static final String WARD_TOPIC = "livevitals:ward:";
    private static final String NO_WARD_TOPIC = "livevitals:no-ward";
    private static final String LATEST = "livevitals:latest:";
    private static final String NO_WARD_LATEST = "livevitals:latest-no-ward";
    private static final String LATEST_AT = "livevitals:latest-at:";
    private static final String NO_WARD_LATEST_AT = "livevitals:latest-at-no-ward";
    private static final String LATEST_TAKEN = "livevitals:latest-taken:";
    private static final String NO_WARD_LATEST_TAKEN = "livevitals:latest-taken-no-ward";

    private RedisKeys() {}

    /** The topic of a ward's patients; empty ward: the patients on no ward. */
    static String topic(Optional<String> ward) {
        return ward.map(name -> WARD_TOPIC + name).orElse(NO_WARD_TOPIC);
    }

    /** The latest readings of the patients of the ward whose topic this is. */
    static String latestOf(String topic) {
        return topic.equals(NO_WARD_TOPIC) ? NO_WARD_LATEST : LATEST + topic.substring(WARD_TOPIC.length());
    }

    /**
     * When each patient of {@link #latestOf} was last heard from, by the clock of the node that published its
     * reading: what bounds them and forgets them, as Lab 3's {@code LatestReadings} does by arrival.
     */
    static String latestTimesOf(String topic) {
        return topic.equals(NO_WARD_TOPIC) ? NO_WARD_LATEST_AT : LATEST_AT + topic.substring(WARD_TOPIC.length());
    }

    /** When each of the latest readings of {@link #latestOf} was taken: what keeps the newest measurement. */
    static String latestTakenOf(String topic) {
        return topic.equals(NO_WARD_TOPIC) ? NO_WARD_LATEST_TAKEN : LATEST_TAKEN + topic.substring(WARD_TOPIC.length());
    }

    /** The note of which node has the patient's device: commands to the device are passed to that node. */
    static String deviceNode(String patientId) {
        return DEVICE_NODE + patientId;
    }

    /** A spent ticket's key: the ticket's id is the server's own (it was signed and checked before). */
    static String ticket(String ticketId) {
        return "livevitals:ticket:" + ticketId;
    }

    /** The stream id of message {@code seq}: the cluster's numbers are the stream's offsets. */
    static String streamId(long seq) {
        return "0-" + seq;
    }

    /** The number in a stream id made by {@link #streamId}. */
    static long seqOf(String streamId) {
        return Long.parseLong(streamId.substring(streamId.indexOf('-') + 1));
    }
}
