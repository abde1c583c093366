package org.livevitals.scaling;

import java.time.Instant;
import org.livevitals.rawsockets.VitalSigns;

/**
 * One message of the stream as it crosses Redis pub/sub: numbered by the publish script, unnumbered
 * JSON inside, so that each node adds the number to the text once for all its dashboards.
 *
 * <p>Six fields, one per line (JSON and Lab 1's line never contain a raw newline):
 * <pre>
 * 9f2c4e1a77b03d15            the cluster's epoch
 * 42                          the message's number (its stream id is 0-42)
 * P001                        the patient it is about
 * 1764556800123               when the publishing node sent it (ms): the backplane's lag is measured from it
 * P001|Pulse=82|SpO2=97|...   a reading in Lab 1's line protocol, or empty for another message (an alert)
 * {"type":"reading",...}      the message, as every dashboard gets it, without its number
 * </pre>
 *
 * @param line Lab 1's line of the reading, or {@code ""} when the message is not a reading
 */
record Envelope(String epoch, long seq, String patientId, Instant sentAt, String line, String json) {

    private static final int FIELDS = 6;

    /** @throws IllegalArgumentException if the text is not an envelope */
    static Envelope parse(String text) {
        String[] fields = text.split("\n", FIELDS);
        if (fields.length != FIELDS) {
            throw new IllegalArgumentException("an envelope has " + FIELDS + " lines, this one " + fields.length);
        }
        long seq;
        Instant sentAt;
        try {
            seq = Long.parseLong(fields[1]);
            sentAt = Instant.ofEpochMilli(Long.parseLong(fields[3]));
        } catch (NumberFormatException notANumber) {
            throw new IllegalArgumentException("an envelope's number and time are digits", notANumber);
        }
        if (seq < 1 || !VitalSigns.PATIENT_ID.matcher(fields[2]).matches() || !fields[5].startsWith("{")
                || !fields[5].endsWith("}")) {
            throw new IllegalArgumentException("an envelope has a number from 1, a patient id and a JSON object");
        }
        return new Envelope(fields[0], seq, fields[2], sentAt, fields[4], fields[5]);
    }

    boolean isReading() {
        return !line.isEmpty();
    }
}
