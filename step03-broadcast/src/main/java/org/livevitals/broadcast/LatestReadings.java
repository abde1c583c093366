package org.livevitals.broadcast;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.livevitals.rawsockets.VitalSigns;

/**
 * The newest reading of each patient: the state behind {@code GET /api/patients} and the snapshot
 * a dashboard gets the moment it connects (REST and the snapshot for state, the stream for change).
 */
public final class LatestReadings {

    private final Map<String, VitalSigns> byPatient = new ConcurrentHashMap<>();

    public void update(VitalSigns reading) {
        byPatient.put(reading.patientId(), reading);
    }

    public Collection<VitalSigns> all() {
        return List.copyOf(byPatient.values());
    }
}
