package org.livevitals.scaling.record;

import org.livevitals.rawsockets.VitalSigns;
import org.livevitals.reconnect.StreamPublisher;

/**
 * The live path with the record beside it: each reading goes out to the dashboards first, then is
 * queued for the database. Queuing never blocks and never fails, so the broadcast's pace is the
 * live path's alone. A reading is recorded once, by the node that accepted it.
 */
public final class RecordingPublisher implements StreamPublisher {

    private final StreamPublisher live;
    private final RecordWriter record;

    public RecordingPublisher(StreamPublisher live, RecordWriter record) {
        this.live = live;
        this.record = record;
    }

    @Override
    public void publish(VitalSigns reading) {
        live.publish(reading);
        record.reading(reading);
    }

    /** Alerts are recorded from the alert center's changes, not from their messages. */
    @Override
    public void publishMessage(String patientId, String json) {
        live.publishMessage(patientId, json);
    }
}
