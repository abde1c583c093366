package org.livevitals.broadcast;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.Session;

/**
 * Sends one broadcast on several cores at once.
 *
 * <p>Writing to a socket costs microseconds, and a broadcast writes to every dashboard: with
 * 10,000 of them, one thread takes over 100 ms, and the last dashboard waits for all the others
 * (labs/performance.md, the crowd scenario). So the sessions are dealt into lanes
 * ({@link DashboardSessions}); the publishing thread walks the first lane itself and hands each
 * other lane to that lane's own thread ({@link FanOutLane}). One thread per lane keeps each
 * session's messages in order.
 *
 * <p>Two rules keep one problem from spreading. A send that throws evicts that session only; the
 * walk goes on to the next one. And a lane's backlog is bounded: when several publishers outrun a
 * lane, the next publisher waits for room instead of piling up broadcasts without end.
 */
public final class FanOut implements AutoCloseable {

    /** One lane per core: more lanes than cores would only take turns on them. */
    public static final int DEFAULT_LANES = Runtime.getRuntime().availableProcessors();

    /**
     * Broadcasts one lane may hold before a publisher waits: a few seconds of a busy ward's
     * readings. A lane only hands frames to Jetty and never waits for a dashboard, so it drains
     * at CPU speed; a full backlog means the server as a whole is behind.
     */
    public static final int DEFAULT_MAX_LANE_BACKLOG = 1024;

    private final DashboardSessions sessions;
    /** The lanes after the first; the first lane runs on the publisher's thread. */
    private final List<FanOutLane> otherLanes = new ArrayList<>();

    public FanOut(DashboardSessions sessions) {
        this(sessions, DEFAULT_MAX_LANE_BACKLOG);
    }

    public FanOut(DashboardSessions sessions, int maxLaneBacklog) {
        this.sessions = sessions;
        for (int lane = 1; lane < sessions.laneCount(); lane++) {
            otherLanes.add(new FanOutLane("fan-out-lane-" + lane, maxLaneBacklog));
        }
    }

    /** Hands every open session to {@code send}: the first lane now, the others on their own threads. */
    public void toEverySession(Consumer<Session> send) {
        for (int lane = 1; lane < sessions.laneCount(); lane++) {
            int thisLane = lane;
            otherLanes.get(lane - 1).submit(() -> walk(thisLane, send));
        }
        walk(0, send);
    }

    /** Broadcasts waiting for lane {@code lane}'s thread (always 0 for the first lane). */
    public int backlog(int lane) {
        return lane == 0 ? 0 : otherLanes.get(lane - 1).backlog();
    }

    private void walk(int lane, Consumer<Session> send) {
        sessions.forEachIn(lane, session -> {
            try {
                send.accept(session);
            } catch (RuntimeException e) {
                sessions.evict(session, e); // that dashboard reconnects; the next one still gets its reading
            }
        });
    }

    @Override
    public void close() {
        otherLanes.forEach(FanOutLane::close);
    }
}
