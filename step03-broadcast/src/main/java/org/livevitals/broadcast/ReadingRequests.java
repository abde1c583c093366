package org.livevitals.broadcast;

import java.time.Instant;
import java.util.Optional;
import org.livevitals.rawsockets.VitalSigns;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the body of {@code POST /api/readings} into a reading, as strictly as Lab 1's codec reads
 * a device line:
 *
 * <pre>
 * {"patient":"P001","heartRate":82,"spo2":97,"temperature":37.5,"systolic":120,"diastolic":80,"respiratoryRate":16}
 * </pre>
 *
 * <p>{@code time} (ISO-8601) is optional, as on the wire. Unknown fields, missing fields and
 * impossible values are refused with a reason, before anything is broadcast.
 */
public final class ReadingRequests {

    /** The body as sent; boxed types, so a missing field is null rather than a silent 0. */
    record Body(String patient, Instant time, Integer heartRate, Integer spo2, Double temperature,
            Integer systolic, Integer diastolic, Integer respiratoryRate) {}

    private final JsonMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT) // 18.7 is not a whole number of breaths
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)    // "88" is text, not a pulse
            .build();

    /** @param receivedAt the time to use when the body has no {@code time} */
    public VitalSigns parse(String text, Instant receivedAt) throws BadMessageException {
        Body body;
        try {
            body = json.readValue(text, Body.class);
        } catch (UnrecognizedPropertyException e) {
            throw new BadMessageException("unknown field \"" + e.getPropertyName() + "\"");
        } catch (MismatchedInputException e) {
            if (e.getPath().isEmpty()) {
                throw new BadMessageException("not a reading: expected a JSON object");
            }
            String field = e.getPath().get(e.getPath().size() - 1).getPropertyName();
            throw new BadMessageException("bad value for \"" + field + "\": " + (field.equals("time")
                    ? "use ISO-8601 UTC, e.g. 2026-11-22T10:15:30Z" : "expected " + expectedType(field)));
        } catch (JacksonException e) {
            throw new BadMessageException("not a reading: expected a JSON object such as "
                    + "{\"patient\":\"P001\",\"heartRate\":82,\"spo2\":97,\"temperature\":37.5,"
                    + "\"systolic\":120,\"diastolic\":80,\"respiratoryRate\":16}");
        }
        if (body == null) {
            throw new BadMessageException("not a reading: expected a JSON object");
        }
        VitalSigns reading = new VitalSigns(
                required("patient", body.patient()),
                body.time() == null ? receivedAt : body.time(),
                required("heartRate", body.heartRate()),
                required("spo2", body.spo2()),
                required("temperature", body.temperature()),
                required("systolic", body.systolic()),
                required("diastolic", body.diastolic()),
                required("respiratoryRate", body.respiratoryRate()));
        if (!VitalSigns.PATIENT_ID.matcher(reading.patientId()).matches()) {
            throw new BadMessageException("bad patient id \"" + reading.patientId()
                    + "\": use 1 to 32 letters, digits, '-' or '_'");
        }
        Optional<String> impossibility = reading.impossibility();
        if (impossibility.isPresent()) {
            throw new BadMessageException(impossibility.get());
        }
        return reading;
    }

    private static String expectedType(String field) {
        return field.equals("patient") ? "text" : field.equals("temperature") ? "a number" : "a whole number";
    }

    private static <T> T required(String field, T value) throws BadMessageException {
        if (value == null) {
            throw new BadMessageException("missing field \"" + field + "\"");
        }
        return value;
    }
}
