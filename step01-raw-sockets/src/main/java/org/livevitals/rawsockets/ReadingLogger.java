package org.livevitals.rawsockets;

import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Lab 1's only consumer of readings: one readable log line per reading, for a person to follow. */
public final class ReadingLogger implements ReadingListener {

    private static final Logger log = LoggerFactory.getLogger(ReadingLogger.class);

    @Override
    public void onReading(VitalSigns r) {
        log.info(String.format(Locale.ROOT, "%-6s pulse %3d bpm  SpO2 %3d %%  temp %4.1f °C  BP %3d/%-3d mmHg  resp %2d /min",
                r.patientId(), r.heartRate(), r.spo2(), r.temperature(), r.systolic(), r.diastolic(), r.respiratoryRate()));
    }
}
