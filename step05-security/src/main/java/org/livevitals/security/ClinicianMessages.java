package org.livevitals.security;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.livevitals.broadcast.BadMessageException;
import org.livevitals.rawsockets.DeviceCommand;
import org.livevitals.rawsockets.VitalSigns;
import org.livevitals.rawsockets.WireText;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the two things Lab 5 lets a clinician send on the dashboard stream, besides Lab 3's
 * {@code get-snapshot}:
 *
 * <pre>
 * {"type":"acknowledge","alert":"A7"}
 * {"type":"command","requestId":"r1","patient":"P001","command":"request-reading"}
 * </pre>
 *
 * Every field is checked like any input from outside (a pattern, a known command, no other fields), so
 * what reaches the alerts, the audit trail or a device's TCP line is only ever a value the server
 * knows. A message of any other type is not Lab 5's: it goes on to Lab 4's endpoint, which answers it
 * as before.
 */
final class ClinicianMessages {

    static final String ACKNOWLEDGE = "acknowledge";
    static final String COMMAND = "command";
    /**
     * Alert ids are the server's own ({@code A} and a number, after the node's name and a dot in a Lab 6
     * cluster: {@code n2.A7}); anything else cannot name an alert.
     */
    static final Pattern ALERT_ID = Pattern.compile("([A-Za-z0-9_-]{1,32}\\.)?A[0-9]{1,18}");
    /** The page's name for its request, echoed in the answer: short and harmless in a log line. */
    static final Pattern REQUEST_ID = Pattern.compile("[A-Za-z0-9_-]{1,64}");

    /** A clinician's message, checked. */
    sealed interface Request permits Acknowledge, Command {}

    /** Silence an alert on every dashboard, for the documented period. */
    record Acknowledge(String alertId) implements Request {}

    /** Send a command to a patient's device; the answer goes back to this session, under {@code requestId}. */
    record Command(String requestId, String patient, DeviceCommand command) implements Request {}

    private final JsonMapper json = JsonMapper.builder().build();

    /**
     * The clinician's request in {@code text}, or empty when the message is not one (not JSON, or
     * another type): Lab 4 reads those.
     *
     * @throws BadMessageException when it is an {@code acknowledge} or a {@code command} that is not
     *     well-formed, with the reason for the sender
     */
    Optional<Request> parse(String text) throws BadMessageException {
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (JacksonException e) {
            return Optional.empty();
        }
        if (message == null || !message.isObject()) {
            return Optional.empty();
        }
        String type = message.path("type").isString() ? message.path("type").asString() : "";
        return switch (type) {
            case ACKNOWLEDGE -> Optional.of(acknowledge(message));
            case COMMAND -> Optional.of(command(message));
            default -> Optional.empty();
        };
    }

    private static Acknowledge acknowledge(JsonNode message) throws BadMessageException {
        onlyFields(message, ACKNOWLEDGE, Set.of("type", "alert"));
        return new Acknowledge(field(message, "alert", ALERT_ID, "an alert id such as A7"));
    }

    private static Command command(JsonNode message) throws BadMessageException {
        onlyFields(message, COMMAND, Set.of("type", "requestId", "patient", "command"));
        String requestId = field(message, "requestId", REQUEST_ID, "1 to 64 letters, digits, '-' or '_'");
        String patient = field(message, "patient", VitalSigns.PATIENT_ID, "a patient id such as P001");
        JsonNode name = message.get("command");
        if (name == null || !name.isString()) {
            throw new BadMessageException("\"command\" is missing: send \"request-reading\" or \"reset\"");
        }
        DeviceCommand command = DeviceCommand.fromWireName(name.asString()).orElseThrow(() -> new BadMessageException(
                "unknown command \"" + WireText.printable(name.asString()) + "\": send \"request-reading\" or \"reset\""));
        return new Command(requestId, patient, command);
    }

    private static void onlyFields(JsonNode message, String type, Set<String> allowed) throws BadMessageException {
        for (String name : message.propertyNames()) {
            if (!allowed.contains(name)) {
                throw new BadMessageException("\"" + type + "\" takes no field \"" + WireText.printable(name) + "\"");
            }
        }
    }

    private static String field(JsonNode message, String name, Pattern pattern, String expected) throws BadMessageException {
        JsonNode value = message.get(name);
        if (value == null || !value.isString() || !pattern.matcher(value.asString()).matches()) {
            throw new BadMessageException("\"" + name + "\" must be " + expected);
        }
        return value.asString();
    }
}
