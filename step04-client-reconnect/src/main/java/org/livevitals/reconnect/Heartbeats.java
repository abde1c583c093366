package org.livevitals.reconnect;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.livevitals.broadcast.DashboardSessions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds dead dashboard connections, and lets dashboards find a dead server.
 *
 * <p>A connection can die without a word: a cable pulled, a laptop asleep, a NAT that forgot it.
 * TCP sends nothing when nothing is sent, so neither side learns of it until it tries to write, and
 * even then only minutes later. So on every beat the server
 * <ul>
 *   <li>pings each dashboard (a WebSocket control frame; the browser answers it by itself), and cuts a
 *       dashboard whose last pong is older than the pong window: that connection is half-open, and a
 *       polite close would never be answered;</li>
 *   <li>sends every dashboard a heartbeat message, because a browser's JavaScript cannot see pings:
 *       a dashboard that hears nothing for three beats knows the server is gone, not just quiet.</li>
 * </ul>
 */
public final class Heartbeats implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Heartbeats.class);
    private static final ByteBuffer PING = ByteBuffer.allocate(0);

    private final DashboardSessions sessions;
    private final Runnable sendHeartbeat;
    private final Duration interval;
    private final long pongWindowNanos;
    /** When each open session last answered (System.nanoTime); one entry per open session. */
    private final Map<Session, Long> lastPong = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "heartbeats"));

    /** @param sendHeartbeat sends the heartbeat message to every dashboard */
    public Heartbeats(DashboardSessions sessions, Runnable sendHeartbeat, ResumeSettings settings) {
        this.sessions = sessions;
        this.sendHeartbeat = sendHeartbeat;
        this.interval = settings.heartbeatInterval();
        this.pongWindowNanos = settings.pongWindow().toNanos();
    }

    public void start() {
        timer.scheduleAtFixedRate(this::beat, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A new session counts as having just answered. */
    public void opened(Session session) {
        lastPong.put(session, System.nanoTime());
    }

    public void ponged(Session session) {
        lastPong.replace(session, System.nanoTime()); // replace: a pong after the close adds nothing
    }

    public void closed(Session session) {
        lastPong.remove(session);
    }

    /** One beat; a failure is logged and the next beat comes anyway (a thrown exception would cancel the timer). */
    void beat() {
        try {
            sendHeartbeat.run();
        } catch (RuntimeException e) {
            log.warn("heartbeat not sent: {}", e.toString());
        }
        long now = System.nanoTime();
        lastPong.forEach((session, answeredAt) -> {
            try {
                if (now - answeredAt > pongWindowNanos) {
                    lastPong.remove(session);
                    sessions.evict(session, new SilentPeerException(Duration.ofNanos(now - answeredAt)));
                } else {
                    session.sendPing(PING.slice(), Callback.NOOP);
                }
            } catch (RuntimeException e) {
                sessions.evict(session, e); // that session only; the others are still pinged
            }
        });
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }

    /** Why a dashboard was cut: it stopped answering pings. */
    public static final class SilentPeerException extends Exception {
        SilentPeerException(Duration silence) {
            super("no pong for " + silence.toMillis() + " ms");
        }
    }
}
