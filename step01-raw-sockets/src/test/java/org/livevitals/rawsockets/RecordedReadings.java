package org.livevitals.rawsockets;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A {@link ReadingListener} that keeps every reading, so a test can check what the server accepted. */
final class RecordedReadings implements ReadingListener {

    private final List<VitalSigns> readings = new CopyOnWriteArrayList<>();

    @Override
    public void onReading(VitalSigns reading) {
        readings.add(reading);
    }

    List<VitalSigns> all() {
        return List.copyOf(readings);
    }

    int count() {
        return readings.size();
    }
}
