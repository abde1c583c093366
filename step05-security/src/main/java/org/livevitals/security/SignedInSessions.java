package org.livevitals.security;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.eclipse.jetty.websocket.api.Session;
import org.livevitals.reconnect.Audience;

/**
 * Who signed in on each open dashboard session, and so which patients each may see: the audience of
 * Lab 4's stream, decided per session.
 *
 * <p>The stream asks {@link #whoMaySee} once per message, which looks the patient's ward up; the test it
 * gives is made for every session on the fan-out's lanes, one map lookup and a set lookup each: the
 * reading itself was serialized once, before.
 */
public final class SignedInSessions implements Audience {

    /** One open session as the admin view lists it. */
    public record SignedIn(Access access, String address, Instant since) {}

    private final Map<Session, SignedIn> bySession = new ConcurrentHashMap<>();
    private final Wards wards;
    private final SessionWatcher watcher;

    public SignedInSessions(Wards wards) {
        this(wards, SessionWatcher.NONE);
    }

    /** @param watcher told of every session that opens and leaves (Lab 6 follows their wards) */
    public SignedInSessions(Wards wards, SessionWatcher watcher) {
        this.wards = wards;
        this.watcher = watcher;
    }

    /** Called when a session opens, before it is sent anything. */
    void admit(Session session, SignedIn signedIn) {
        watcher.admitted(signedIn.access());
        bySession.put(session, signedIn);
    }

    /** True if the session was still registered: an error then a close are one departure. */
    boolean leave(Session session) {
        SignedIn left = bySession.remove(session);
        if (left == null) {
            return false;
        }
        watcher.left(left.access());
        return true;
    }

    /** The wards each patient belongs to: who may see whom. */
    public Wards wards() {
        return wards;
    }

    @Override
    public boolean maySee(Session session, String patientId) {
        return sees(session, wards.wardOf(patientId).orElse(null));
    }

    /** The patient's ward is looked up once per message; per session, only who signed in on it. */
    @Override
    public Predicate<Session> whoMaySee(String patientId) {
        String ward = wards.wardOf(patientId).orElse(null);
        return session -> sees(session, ward);
    }

    /** A session that is not registered sees nothing: when in doubt, no. */
    private boolean sees(Session session, String ward) {
        SignedIn signedIn = bySession.get(session);
        return signedIn != null && signedIn.access().maySeeWard(ward);
    }

    /** The open sessions, oldest first: the admin's operations view. */
    public List<SignedIn> list() {
        return bySession.values().stream().sorted(Comparator.comparing(SignedIn::since)).toList();
    }
}
