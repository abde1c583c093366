package org.livevitals.security;

import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.livevitals.broadcast.BadMessageException;

/**
 * What a signed-in clinician asks for on her dashboard session: an acknowledgement or a device command
 * ({@link ClinicianMessages}), each handed to the one class that authorizes, does and audits it.
 * Anything else she sends is Lab 4's to answer.
 */
final class ClinicianRequests {

    private final ClinicianMessages parser = new ClinicianMessages();
    private final SecurityMessages messages = new SecurityMessages();
    private final Acknowledgements acknowledgements;
    private final BedsideCommands commands;

    ClinicianRequests(Acknowledgements acknowledgements, BedsideCommands commands) {
        this.acknowledgements = acknowledgements;
        this.commands = commands;
    }

    /**
     * Handles {@code text} if it is a clinician's request: a malformed one is answered with an error
     * and the session stays open.
     *
     * @param inFlight the session's device commands still waiting for an answer
     * @return false when {@code text} is not a clinician's request, for Lab 4 to read
     */
    boolean handled(Session session, Access access, String address, String text, AtomicInteger inFlight) {
        Optional<ClinicianMessages.Request> request;
        try {
            request = parser.parse(text);
        } catch (BadMessageException malformed) {
            session.sendText(messages.error(malformed.getMessage()), Callback.NOOP);
            return true;
        }
        if (request.isEmpty()) {
            return false;
        }
        if (request.get() instanceof ClinicianMessages.Acknowledge acknowledge) {
            acknowledgements.acknowledge(session, access, address, acknowledge.alertId());
        } else if (request.get() instanceof ClinicianMessages.Command command) {
            commands.send(session, access, address, command, inFlight);
        }
        return true;
    }
}
