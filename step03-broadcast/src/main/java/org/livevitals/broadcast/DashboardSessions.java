package org.livevitals.broadcast;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.Session;
import org.livevitals.rawsockets.WireText;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The open dashboard sessions: who a reading goes to.
 *
 * <p>Sessions join and leave on Jetty's threads while the broadcaster walks the set on its own, so
 * the set is concurrent: a broadcast sees each session that was open when it started, or not, and
 * never fails because one joined or left mid-way.
 *
 * <p>Each session is also dealt into one of a few lanes, in turn, when it joins, so that
 * {@link FanOut} can send to the lanes on different cores. A session stays in its lane, so its
 * messages keep their order.
 */
public final class DashboardSessions {

    private static final Logger log = LoggerFactory.getLogger(DashboardSessions.class);

    /** Where an open session is: its remote address (a closed session no longer knows it) and its lane. */
    private record Seat(String address, int lane) {}

    private final Map<Session, Seat> open = new ConcurrentHashMap<>();
    private final List<Set<Session>> lanes = new ArrayList<>();
    private final AtomicInteger dealt = new AtomicInteger();
    private volatile Runnable onEvicted = () -> { };

    public DashboardSessions(int laneCount) {
        if (laneCount < 1) {
            throw new IllegalArgumentException("at least one lane, not " + laneCount);
        }
        for (int lane = 0; lane < laneCount; lane++) {
            lanes.add(ConcurrentHashMap.newKeySet());
        }
    }

    public void join(Session session) {
        Seat seat = new Seat(String.valueOf(session.getRemoteSocketAddress()),
                Math.floorMod(dealt.getAndIncrement(), lanes.size()));
        open.put(session, seat);
        lanes.get(seat.lane()).add(session);
        log.info("dashboard {} joined ({} open)", seat.address(), open.size());
    }

    /** Removes the session; true if it was still there (so each leave is logged once). */
    public boolean leave(Session session, String why) {
        Seat seat = open.remove(session);
        if (seat != null) {
            lanes.get(seat.lane()).remove(session);
            log.info("dashboard {} left: {} ({} open)", seat.address(), why, open.size());
        }
        return seat != null;
    }

    /**
     * Removes a session that cannot take its messages and cuts its connection at once. Not
     * {@code close()}: a close frame would wait behind the frames the dashboard is not reading.
     */
    public void evict(Session session, Throwable why) {
        String detail = why.getMessage() == null ? "" : ": " + WireText.printable(why.getMessage());
        if (leave(session, "evicted: " + why.getClass().getSimpleName() + detail)) {
            session.disconnect();
            onEvicted.run();
        }
    }

    /** Told of each eviction (Lab 6 counts them in its metrics). */
    public void onEvicted(Runnable listener) {
        this.onEvicted = listener;
    }

    /** The open sessions of one lane, on the calling thread. */
    public void forEachIn(int lane, Consumer<Session> action) {
        lanes.get(lane).forEach(action);
    }

    public int laneCount() {
        return lanes.size();
    }

    public int size() {
        return open.size();
    }
}
