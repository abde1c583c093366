package org.livevitals.security;

/**
 * Told when a signed-in session opens and when it leaves: a seam for what must follow the sessions.
 *
 * <p>Lab 5 needs nothing ({@link #NONE}). A Lab 6 node subscribes to the wards its sessions may see, and
 * only those: it hears of a session here before the session is sent anything, and of its departure
 * after it has gone.
 */
public interface SessionWatcher {

    SessionWatcher NONE = new SessionWatcher() {
        @Override
        public void admitted(Access access) {
        }

        @Override
        public void left(Access access) {
        }
    };

    /** A session of {@code access} opens; called before it is sent its first message. */
    void admitted(Access access);

    /** A session of {@code access} has left. */
    void left(Access access);
}
