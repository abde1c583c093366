package org.livevitals.broadcast;

import org.livevitals.rawsockets.WireText;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads what a dashboard sends. In Lab 3 a dashboard may send one thing,
 * {@code {"type":"get-snapshot"}}; anything else is answered with an error that says why, and
 * the connection carries on.
 */
public final class ClientMessages {

    /** The messages a dashboard may send. */
    public enum Type { GET_SNAPSHOT }

    static final String GET_SNAPSHOT = "get-snapshot";

    private final JsonMapper json = JsonMapper.builder().build();

    public Type parse(String text) throws BadMessageException {
        // Exercise 3 starts here (scenarios L3-03)
        JsonNode message;
        try {
            message = json.readTree(text);
        } catch (JacksonException e) {
            throw new BadMessageException("not JSON: send an object such as {\"type\":\"" + GET_SNAPSHOT + "\"}");
        }
        if (message == null || !message.isObject()) {
            throw new BadMessageException("expected a JSON object with a \"type\"");
        }
        JsonNode type = message.get("type");
        if (type == null || !type.isString()) {
            throw new BadMessageException("missing \"type\": every message needs one");
        }
        if (!type.asString().equals(GET_SNAPSHOT)) {
            throw new BadMessageException("unknown type \"" + WireText.printable(type.asString()) + "\"");
        }
        if (message.size() != 1) {
            throw new BadMessageException("\"" + GET_SNAPSHOT + "\" takes no other fields");
        }
        return Type.GET_SNAPSHOT;
        // Exercise 3 ends here
    }
}
