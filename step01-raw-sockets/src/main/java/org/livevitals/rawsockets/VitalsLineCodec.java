package org.livevitals.rawsockets;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Locale;
import java.util.Optional;
import java.util.Map;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Turns a protocol line into {@link VitalSigns} and back.
 *
 * <p>The wire format is the classic bedside one, {@code key=value} pairs joined by {@code |}:
 *
 * <pre>
 * Patient=P001|Time=2026-11-22T10:15:30Z|Pulse=82|SpO2=97|Temperature=37.5|BP=120/80|Resp=16
 * </pre>
 *
 * <p>Parsing is strict on purpose: a monitor that guesses shows a doctor numbers nobody sent.
 * Every rejection says why (unknown key, missing field, bad number, impossible value), and the
 * server passes that reason back to the device, with any text it quotes from the line made
 * printable ({@link WireText}). {@code Time} may be left out, and then the time the line arrived
 * is used; when present it must pass {@link ReadingTime}'s rule. The full grammar is in
 * {@code labs/step01-raw-sockets.md}.
 */
public final class VitalsLineCodec {

    static final String PATIENT = "Patient";
    static final String TIME = "Time";
    static final String BLOOD_PRESSURE = "BP";
    /** Every key, in the order a line is written (so "missing field" always names the first one missing). */
    static final List<String> KEYS = List.of(PATIENT, TIME, Vital.HEART_RATE.key(), Vital.SPO2.key(),
            Vital.TEMPERATURE.key(), BLOOD_PRESSURE, Vital.RESPIRATORY_RATE.key());

    private static final Pattern WHOLE_NUMBER = Pattern.compile("\\d{1,3}");
    private static final Pattern DECIMAL = Pattern.compile("\\d{1,3}(\\.\\d{1,2})?");
    private static final Pattern PRESSURE = Pattern.compile("(\\d{1,3})/(\\d{1,3})");

    /** Writes a reading as one protocol line, without the trailing newline. */
    public String encode(VitalSigns vitals) {
        return PATIENT + "=" + vitals.patientId()
                + "|" + TIME + "=" + vitals.takenAt()
                + "|" + Vital.HEART_RATE.key() + "=" + vitals.heartRate()
                + "|" + Vital.SPO2.key() + "=" + vitals.spo2()
                + "|" + Vital.TEMPERATURE.key() + "=" + String.format(Locale.ROOT, "%.1f", vitals.temperature())
                + "|" + BLOOD_PRESSURE + "=" + vitals.systolic() + "/" + vitals.diastolic()
                + "|" + Vital.RESPIRATORY_RATE.key() + "=" + vitals.respiratoryRate();
    }

    /**
     * Parses one line (without its newline).
     *
     * @param receivedAt the time to use when the line carries no {@code Time}
     * @throws InvalidLineException with the reason the device will see after {@code ERR}
     */
    public VitalSigns decode(String line, Instant receivedAt) throws InvalidLineException {
        // Exercise 2 starts here (scenarios L1-01 L1-11)
        Map<String, String> fields = splitFields(line);
        for (String key : KEYS) {
            if (!key.equals(TIME) && !fields.containsKey(key)) {
                throw new InvalidLineException("missing field " + key);
            }
        }
        String patientId = fields.get(PATIENT);
        if (!VitalSigns.PATIENT_ID.matcher(patientId).matches()) {
            throw new InvalidLineException("bad patient id '" + WireText.printable(patientId)
                    + "': use 1 to 32 letters, digits, '-' or '_'");
        }
        Instant takenAt = fields.containsKey(TIME)
                ? ReadingTime.parse(fields.get(TIME), receivedAt, InvalidLineException::new)
                : receivedAt;
        int[] pressure = parsePressure(fields.get(BLOOD_PRESSURE));
        return new VitalSigns(patientId, takenAt,
                wholeNumber(Vital.HEART_RATE, fields),
                wholeNumber(Vital.SPO2, fields),
                decimal(Vital.TEMPERATURE, fields),
                pressure[0],
                pressure[1],
                wholeNumber(Vital.RESPIRATORY_RATE, fields));
        // Exercise 2 ends here
    }

    /**
     * Parses a line this system wrote ({@link #encode}) for a reading it had already accepted, such as
     * the copy a cluster's backplane carries to the other nodes. Its time passed {@link ReadingTime}'s
     * rule where the reading came in, so it is taken as written: judged again against another node's
     * clock, or a day later when a node catches up, a reading the device was told was accepted could
     * be refused after the fact and reach no dashboard.
     *
     * @throws InvalidLineException if the line is not one {@link #encode} writes
     */
    public VitalSigns decodeAccepted(String line) throws InvalidLineException {
        String time = valueOf(line, TIME);
        if (time == null) {
            throw new InvalidLineException("missing field " + TIME);
        }
        Instant takenAt;
        try {
            takenAt = Instant.parse(time);
        } catch (DateTimeParseException e) {
            throw new InvalidLineException("bad time '" + WireText.printable(time) + "'");
        }
        return decode(line, takenAt); // checked against itself, the time always passes
    }

    /** The text after {@code key=} up to the next {@code |}, or null if the line has no such key. */
    private static String valueOf(String line, String key) {
        String prefix = key + "=";
        int start;
        if (line.startsWith(prefix)) {
            start = prefix.length();
        } else {
            int bar = line.indexOf("|" + prefix);
            if (bar < 0) {
                return null;
            }
            start = bar + 1 + prefix.length();
        }
        int end = line.indexOf('|', start);
        return end < 0 ? line.substring(start) : line.substring(start, end);
    }

    private static Map<String, String> splitFields(String line) throws InvalidLineException {
        // Exercise 2 starts here (scenarios L1-01 L1-11)
        if (line.isBlank()) {
            throw new InvalidLineException("empty line");
        }
        Map<String, String> fields = new HashMap<>();
        for (String pair : line.split("\\|", -1)) {
            int equals = pair.indexOf('=');
            if (equals <= 0) {
                throw new InvalidLineException("expected key=value but got '" + WireText.printable(pair) + "'");
            }
            String key = pair.substring(0, equals);
            if (!KEYS.contains(key)) {
                throw new InvalidLineException("unknown key '" + WireText.printable(key) + "'");
            }
            if (fields.put(key, pair.substring(equals + 1)) != null) {
                throw new InvalidLineException("duplicate key '" + key + "'");
            }
        }
        return fields;
        // Exercise 2 ends here
    }

    private static int wholeNumber(Vital vital, Map<String, String> fields) throws InvalidLineException {
        String text = fields.get(vital.key());
        if (!WHOLE_NUMBER.matcher(text).matches()) {
            throw new InvalidLineException("bad number for " + vital.key() + ": '" + WireText.printable(text) + "'");
        }
        return (int) possible(vital, Integer.parseInt(text));
    }

    private static double decimal(Vital vital, Map<String, String> fields) throws InvalidLineException {
        String text = fields.get(vital.key());
        if (!DECIMAL.matcher(text).matches()) {
            throw new InvalidLineException("bad number for " + vital.key() + ": '" + WireText.printable(text) + "'");
        }
        return possible(vital, Double.parseDouble(text));
    }

    private static int[] parsePressure(String text) throws InvalidLineException {
        var matcher = PRESSURE.matcher(text);
        if (!matcher.matches()) {
            throw new InvalidLineException("bad number for BP: '" + WireText.printable(text) + "': use systolic/diastolic, e.g. 120/80");
        }
        int systolic = (int) possible(Vital.SYSTOLIC, Integer.parseInt(matcher.group(1)));
        int diastolic = (int) possible(Vital.DIASTOLIC, Integer.parseInt(matcher.group(2)));
        if (systolic <= diastolic) {
            throw new InvalidLineException(VitalSigns.bloodPressureImpossibility(systolic, diastolic));
        }
        return new int[] {systolic, diastolic};
    }

    private static double possible(Vital vital, double value) throws InvalidLineException {
        Optional<String> impossibility = vital.impossibility(value);
        if (impossibility.isPresent()) {
            throw new InvalidLineException(impossibility.get());
        }
        return value;
    }
}
