package org.livevitals.broadcast;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open dashboard sessions: who a reading goes to.
 *
 * <p>Sessions join and leave on Jetty's threads while the broadcaster walks the set on its own, so
 * the set is concurrent: a broadcast sees each session that was open when it started, or not, and
 * never fails because one joined or left mid-way.
 */
public final class DashboardSessions {

    private static final Logger log = LoggerFactory.getLogger(DashboardSessions.class);

    /** Each open session and its remote address (kept: a closed session no longer knows it). */
    private final Map<Session, String> open = new ConcurrentHashMap<>();

    public void join(Session session) {
        String address = String.valueOf(session.getRemoteSocketAddress());
        open.put(session, address);
        log.info("dashboard {} joined ({} open)", address, open.size());
    }

    /** Removes the session; true if it was still there (so each leave is logged once). */
    public boolean leave(Session session, String why) {
        String address = open.remove(session);
        if (address != null) {
            log.info("dashboard {} left: {} ({} open)", address, why, open.size());
        }
        return address != null;
    }

    public void forEach(Consumer<Session> action) {
        open.keySet().forEach(action);
    }

    public int size() {
        return open.size();
    }
}
