package org.livevitals.scaling.record;

import java.time.Instant;

/**
 * One point of a patient's trend: a reading, or a bucket of readings summed up.
 *
 * <p>A bucket gives the average of each vital and, for pulse and SpO2, the lowest and the highest too:
 * an average of a minute hides the twenty seconds a saturation fell to 84 %, and a nurse reading the
 * trend must see that dip. A reading is a bucket of one, so both shapes read the same.
 *
 * @param time  the reading's time, or the bucket's start
 * @param count how many readings it sums up
 */
public record HistoryPoint(Instant time, int count, int heartRate, int heartRateMin, int heartRateMax, int spo2,
        int spo2Min, int spo2Max, double temperature, int systolic, int diastolic, int respiratoryRate) {}
