package org.livevitals.reconnect;

import java.util.function.Predicate;
import org.eclipse.jetty.websocket.api.Session;

/**
 * Who may be sent a patient's readings: live, in a snapshot, or in a replay.
 *
 * <p>A seam. In Lab 4 every dashboard sees every patient ({@link #EVERYONE}); Lab 5 decides per
 * session, from who signed in on it (a nurse sees the patients of her wards). The stream asks the
 * question per session and per reading, but still serializes each reading once.
 */
@FunctionalInterface
public interface Audience {

    /** Every dashboard sees every patient. */
    Audience EVERYONE = (session, patientId) -> true;

    /** Whether {@code session} may be sent messages about {@code patientId}. */
    boolean maySee(Session session, String patientId);

    /**
     * The test for one message about {@code patientId}, which the fan-out then makes for every session,
     * on its lanes' threads, several at once. It must answer as {@link #maySee} would. An implementation
     * may work out here, once per message, whatever does not depend on the session (Lab 5 looks up the
     * patient's ward): with 10,000 dashboards, work done per session is done 10,000 times.
     */
    default Predicate<Session> whoMaySee(String patientId) {
        return session -> maySee(session, patientId);
    }
}
