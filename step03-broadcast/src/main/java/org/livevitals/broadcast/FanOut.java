package org.livevitals.broadcast;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.eclipse.jetty.websocket.api.Session;

/**
 * Sends one broadcast on several cores at once.
 *
 * <p>Writing to a socket costs microseconds, and a broadcast writes to every dashboard: with
 * 10,000 of them, one thread takes over 100 ms, and the last dashboard waits for all the others
 * (labs/performance.md, the crowd scenario). So the sessions are dealt into lanes
 * ({@link DashboardSessions}); the publishing thread walks the first lane itself and hands each
 * other lane to that lane's own thread. One thread per lane keeps each session's messages in
 * order, and the publisher never waits for another lane.
 */
public final class FanOut implements AutoCloseable {

    /** One lane per core: more lanes than cores would only take turns on them. */
    public static final int DEFAULT_LANES = Runtime.getRuntime().availableProcessors();

    private final DashboardSessions sessions;
    /** The thread of each lane after the first; the first lane runs on the publisher's thread. */
    private final List<ExecutorService> laneThreads = new ArrayList<>();

    public FanOut(DashboardSessions sessions) {
        this.sessions = sessions;
        for (int lane = 1; lane < sessions.laneCount(); lane++) {
            String name = "fan-out-lane-" + lane;
            laneThreads.add(Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, name);
                thread.setDaemon(true);
                return thread;
            }));
        }
    }

    /** Hands every open session to {@code send}: the first lane now, the others on their own threads. */
    public void toEverySession(Consumer<Session> send) {
        for (int lane = 1; lane < sessions.laneCount(); lane++) {
            int thisLane = lane;
            laneThreads.get(lane - 1).execute(() -> sessions.forEachIn(thisLane, send));
        }
        sessions.forEachIn(0, send);
    }

    @Override
    public void close() {
        laneThreads.forEach(ExecutorService::shutdownNow);
    }
}
