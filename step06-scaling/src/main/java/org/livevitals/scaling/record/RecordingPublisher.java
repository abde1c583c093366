package org.livevitals.scaling.record;

import org.livevitals.rawsockets.VitalSigns;
import org.livevitals.reconnect.StreamPublisher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The live path with the record beside it: each reading goes out to the dashboards first, then is
 * queued for the database. Queuing never blocks, so the broadcast's pace is the live path's alone; and
 * if recording fails all the same, the reading has reached the dashboards and the device is still
 * answered: the record may never take the live path down. A reading is recorded once, by the node
 * that accepted it.
 */
public final class RecordingPublisher implements StreamPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(RecordingPublisher.class);

    private final StreamPublisher live;
    private final RecordWriter record;
    private boolean failureLogged;

    public RecordingPublisher(StreamPublisher live, RecordWriter record) {
        this.live = live;
        this.record = record;
    }

    @Override
    public void publish(VitalSigns reading) {
        live.publish(reading);
        try {
            record.reading(reading);
        } catch (RuntimeException e) {
            if (!failureLogged) { // once: a failure here fails for every reading
                failureLogged = true;
                LOG.error("Readings cannot be queued for the record: {}", e.toString());
            }
        }
    }

    /** Alerts are recorded from the alert center's changes, not from their messages. */
    @Override
    public void publishMessage(String patientId, String json) {
        live.publishMessage(patientId, json);
    }
}
