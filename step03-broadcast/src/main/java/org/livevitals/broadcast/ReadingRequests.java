package org.livevitals.broadcast;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Optional;
import org.livevitals.rawsockets.ReadingTime;
import org.livevitals.rawsockets.VitalSigns;
import org.livevitals.rawsockets.WireText;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.type.LogicalType;

/**
 * Reads the body of {@code POST /api/readings} into a reading, by the same rules as Lab 1's codec
 * reads a device line:
 *
 * <pre>
 * {"patient":"P001","heartRate":82,"spo2":97,"temperature":37.5,"systolic":120,"diastolic":80,"respiratoryRate":16}
 * </pre>
 *
 * <p>Each field once, no unknown field, text where text is meant and a number where a number is
 * meant (Jackson is told not to convert one into the other), a temperature with at most two
 * decimals, the same patient-id pattern, the same time rule ({@link ReadingTime}) and the same
 * possible ranges. {@code time} (ISO-8601 text) is optional, as on the wire. Every refusal says
 * why, before anything is broadcast. Only the syntax differs: JSON's numbers and strings instead
 * of the line's digits.
 */
public final class ReadingRequests {

    /** The body as sent; boxed types, so a missing field is null rather than a silent 0. */
    record Body(String patient, String time, Integer heartRate, Integer spo2, BigDecimal temperature,
            Integer systolic, Integer diastolic, Integer respiratoryRate) {}

    static final String EXAMPLE = "{\"patient\":\"P001\",\"heartRate\":82,\"spo2\":97,\"temperature\":37.5,"
            + "\"systolic\":120,\"diastolic\":80,\"respiratoryRate\":16}";
    static final String EMPTY_BODY = "empty body: send a reading as JSON";
    static final String NOT_A_READING = "not a reading: expected a JSON object such as " + EXAMPLE;
    /** The line protocol's {@code 1*3DIGIT [ "." 1*2DIGIT ]}: a thermometer shows hundredths at most. */
    static final int MAX_TEMPERATURE_DECIMALS = 2;

    private final JsonMapper json = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)    // {"patient":...} garbage
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)     // two pulses: which one is true?
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)      // 18.7 is not a whole number of breaths
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)         // "88" is text, not a pulse
            .withCoercionConfig(LogicalType.Textual, text -> text     // 42 is not a patient id, 1764... not a time
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
            .build();

    /** @param receivedAt the time to use when the body has no {@code time}, and the time rule's "now" */
    public VitalSigns parse(String text, Instant receivedAt) throws BadMessageException {
        if (text.isBlank()) {
            throw new BadMessageException(EMPTY_BODY);
        }
        Body body = read(text);
        VitalSigns reading = new VitalSigns(
                patientId(required("patient", body.patient())),
                body.time() == null ? receivedAt : ReadingTime.parse(body.time(), receivedAt, BadMessageException::new),
                required("heartRate", body.heartRate()),
                required("spo2", body.spo2()),
                temperature(required("temperature", body.temperature())),
                required("systolic", body.systolic()),
                required("diastolic", body.diastolic()),
                required("respiratoryRate", body.respiratoryRate()));
        Optional<String> impossibility = reading.impossibility();
        if (impossibility.isPresent()) {
            throw new BadMessageException(impossibility.get());
        }
        return reading;
    }

    private Body read(String text) throws BadMessageException {
        Body body;
        try {
            body = json.readValue(text, Body.class);
        } catch (UnrecognizedPropertyException e) {
            throw new BadMessageException("unknown field \"" + WireText.printable(e.getPropertyName()) + "\"");
        } catch (JacksonException e) {
            Optional<String> duplicate = duplicateField(e);
            if (duplicate.isPresent()) {
                throw new BadMessageException("duplicate field \"" + WireText.printable(duplicate.get()) + "\"");
            }
            Optional<String> field = fieldOf(e);
            if (field.isPresent()) { // a value of the wrong type, or a number too big for its type
                throw new BadMessageException("bad value for \"" + field.get() + "\": expected " + expected(field.get()));
            }
            throw new BadMessageException(NOT_A_READING); // not JSON, or an array, a number, a string...
        }
        if (body == null) {
            throw new BadMessageException(EMPTY_BODY); // the JSON literal null
        }
        return body;
    }

    /** The name behind Jackson's strict duplicate detection, which is a parse error without a path. */
    private static Optional<String> duplicateField(JacksonException e) {
        if (e.getMessage() != null && e.getMessage().startsWith("Duplicate Object property")
                && e.processor() instanceof JsonParser parser) {
            return Optional.ofNullable(parser.currentName());
        }
        return Optional.empty();
    }

    /** The body's field the error is about; empty when it is about the body as a whole. */
    private static Optional<String> fieldOf(JacksonException e) {
        return e.getPath().isEmpty() ? Optional.empty() : Optional.ofNullable(e.getPath().get(0).getPropertyName());
    }

    private static String expected(String field) {
        return switch (field) {
            case "patient" -> "text";
            case "time" -> "ISO-8601 text such as 2026-11-22T10:15:30Z";
            case "temperature" -> "a number";
            default -> "a whole number";
        };
    }

    private static String patientId(String id) throws BadMessageException {
        if (!VitalSigns.PATIENT_ID.matcher(id).matches()) {
            throw new BadMessageException("bad patient id \"" + WireText.printable(id)
                    + "\": use 1 to 32 letters, digits, '-' or '_'");
        }
        return id;
    }

    private static double temperature(BigDecimal value) throws BadMessageException {
        if (value.stripTrailingZeros().scale() > MAX_TEMPERATURE_DECIMALS) {
            throw new BadMessageException("bad value for \"temperature\": at most " + MAX_TEMPERATURE_DECIMALS
                    + " decimals, e.g. 37.25");
        }
        return value.doubleValue();
    }

    private static <T> T required(String field, T value) throws BadMessageException {
        if (value == null) {
            throw new BadMessageException("missing field \"" + field + "\"");
        }
        return value;
    }
}
