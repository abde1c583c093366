package org.livevitals.security;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.livevitals.rawsockets.CommandReply;

/**
 * The way back to the bedside: a clinician's command, from her dashboard session to the patient's
 * device over its TCP connection, and the device's answer back to that one session.
 *
 * <pre>
 * dashboard --{"type":"command",...}--> role checked --CMD 7 request-reading--> device
 * dashboard <--{"type":"command-result",...}-- DONE 7 / FAIL 7 / nothing in time / no device
 * </pre>
 *
 * <p>Every command is audited with its outcome, a refused one too. The answer never blocks the
 * session: it comes when the device answers (or the timeout passes), on another thread. A session
 * may have a few commands in flight at once and no more: a page stuck in a loop must not queue
 * commands on a ward's devices.
 */
final class BedsideCommands {

    /** Commands one session may wait on at once; the next one is answered {@code busy}. */
    static final int MAX_IN_FLIGHT_PER_SESSION = 4;
    static final String REFUSED = "refused";

    /** The way to the devices: this server's gateway, or (Lab 6) whichever node the device is connected to. */
    private final Bedside devices;
    private final Wards wards;
    private final AuditTrail audit;
    private final Duration timeout;
    private final SecurityMessages messages = new SecurityMessages();

    BedsideCommands(Bedside devices, Wards wards, AuditTrail audit, Duration timeout) {
        this.devices = devices;
        this.wards = wards;
        this.audit = audit;
        this.timeout = timeout;
    }

    /**
     * Checks the role, sends the command and answers the session when the device has.
     *
     * @param inFlight the session's commands still waiting for an answer
     */
    void send(Session session, Access access, String address, ClinicianMessages.Command command, AtomicInteger inFlight) {
        String ward = wards.wardOf(command.patient()).orElse(null);
        if (!access.mayCommand(command.command(), ward)) {
            String reason = "a " + access.role().wireName() + " may not send " + command.command().wireName()
                    + " to patient " + command.patient();
            audit.recordRefusal(event(access, address, command, AuditEvent.refused(reason)));
            answer(session, command, REFUSED, reason);
            return;
        }
        if (inFlight.incrementAndGet() > MAX_IN_FLIGHT_PER_SESSION) {
            inFlight.decrementAndGet();
            CommandReply busy = new CommandReply(CommandReply.Outcome.BUSY,
                    MAX_IN_FLIGHT_PER_SESSION + " commands of this session are still waiting for their devices");
            answered(session, access, address, command, busy);
            return;
        }
        devices.send(command.patient(), command.command(), timeout).whenComplete((reply, failure) -> {
            inFlight.decrementAndGet();
            CommandReply outcome = failure == null ? reply
                    : new CommandReply(CommandReply.Outcome.FAILED, "the server could not send it");
            answered(session, access, address, command, outcome);
        });
    }

    private void answered(Session session, Access access, String address, ClinicianMessages.Command command,
            CommandReply reply) {
        String outcome = reply.outcome().name().toLowerCase(Locale.ROOT);
        audit.record(event(access, address, command, outcome));
        answer(session, command, outcome, reply.detail());
    }

    private static AuditEvent event(Access access, String address, ClinicianMessages.Command command, String outcome) {
        return new AuditEvent(access.user(), access.role().wireName(), address, AuditEvent.COMMAND, command.patient(),
                command.command().wireName() + ": " + outcome);
    }

    private void answer(Session session, ClinicianMessages.Command command, String outcome, String detail) {
        if (session.isOpen()) {
            session.sendText(messages.commandResult(command.requestId(), command.patient(), command.command().wireName(),
                    outcome, detail), Callback.NOOP);
        }
    }
}
