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
    private final AlertDesk alerts;
    private final BedsideCommands commands;

    /** @param alerts decides acknowledgements: this server's alert center, or (Lab 6) the node the alert lives on */
    ClinicianRequests(AlertDesk alerts, BedsideCommands commands) {
        this.alerts = alerts;
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
            alerts.acknowledge(access, address, acknowledge.alertId()).whenComplete((refusal, failure) -> {
                String reason = failure != null ? "the acknowledgement of " + acknowledge.alertId() + " could not be done"
                        : refusal.orElse(null);
                if (reason != null && session.isOpen()) {
                    session.sendText(messages.error(reason), Callback.NOOP);
                }
            });
        } else if (request.get() instanceof ClinicianMessages.Command command) {
            commands.send(session, access, address, command, inFlight);
        }
        return true;
    }
}
