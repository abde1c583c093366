package org.livevitals.reconnect;

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

    boolean maySee(Session session, String patientId);
}
