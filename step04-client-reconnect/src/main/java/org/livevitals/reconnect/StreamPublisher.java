package org.livevitals.reconnect;

import org.livevitals.rawsockets.VitalSigns;

/**
 * Where a server sends what it publishes on the dashboard stream: a seam.
 *
 * <p>Lab 4's {@link ResumableStream} is its own publisher: it numbers each message, keeps it and sends
 * it to this server's dashboards, all under one lock. Lab 6 runs several servers, so a message must be
 * numbered once for all of them: its publisher hands the message to a backplane, which numbers it and
 * brings it back to every server that has a dashboard for its patient ({@link ResumableStream#deliver}).
 */
public interface StreamPublisher {

    /** A reading, as every dashboard that may see its patient gets it. */
    void publish(VitalSigns reading);

    /**
     * A message about one patient that is not a reading (Lab 5's alerts), numbered and kept like one.
     *
     * @param json the message as a JSON object, without its number
     */
    void publishMessage(String patientId, String json);
}
