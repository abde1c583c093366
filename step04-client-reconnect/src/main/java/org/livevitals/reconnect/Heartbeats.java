package org.livevitals.reconnect;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
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
 *       dashboard that has left a ping unanswered for longer than the pong window: that connection is
 *       half-open, and a polite close would never be answered. The window runs from the ping, not
 *       from the last pong, so a beat that comes late (a busy server, a pause) cuts no one;</li>
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
    private final LongSupplier nanoTime;
    private final long pongWindowNanos;
    /** No ping is waiting for its pong. */
    private static final long ANSWERED = Long.MIN_VALUE;

    /**
     * When each open session was sent the oldest ping it has not answered (System.nanoTime), or
     * {@link #ANSWERED}; one entry per open session.
     */
    private final Map<Session, Long> unansweredSince = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "heartbeats"));

    /** @param sendHeartbeat sends the heartbeat message to every dashboard */
    public Heartbeats(DashboardSessions sessions, Runnable sendHeartbeat, ResumeSettings settings) {
        this(sessions, sendHeartbeat, settings, System::nanoTime);
    }

    /** @param nanoTime the clock the windows are measured on; a test passes one it moves itself */
    Heartbeats(DashboardSessions sessions, Runnable sendHeartbeat, ResumeSettings settings, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.sessions = sessions;
        this.sendHeartbeat = sendHeartbeat;
        this.interval = settings.heartbeatInterval();
        this.pongWindowNanos = settings.pongWindow().toNanos();
    }

    public void start() {
        timer.scheduleAtFixedRate(this::beat, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    public void opened(Session session) {
        unansweredSince.put(session, ANSWERED);
    }

    public void ponged(Session session) {
        unansweredSince.replace(session, ANSWERED); // replace: a pong after the close adds nothing
    }

    public void closed(Session session) {
        unansweredSince.remove(session);
    }

    /** One beat; whatever fails is logged and the next beat comes anyway (a task that throws is never run again). */
    void beat() {
        try {
            sendHeartbeat.run();
        } catch (Throwable e) {
            log.warn("heartbeat not sent: {}", e.toString());
        }
        unansweredSince.forEach((session, pingedAt) -> {
            try {
                long now = nanoTime.getAsLong();
                if (pingedAt != ANSWERED && now - pingedAt > pongWindowNanos) {
                    unansweredSince.remove(session);
                    sessions.evict(session, new SilentPeerException(Duration.ofNanos(now - pingedAt)));
                } else {
                    unansweredSince.replace(session, ANSWERED, now); // the window starts at the first unanswered ping
                    session.sendPing(PING.slice(), Callback.NOOP);
                }
            } catch (Throwable e) {
                unansweredSince.remove(session);
                log.warn("dashboard not pinged, cut: {}", e.toString()); // that session only; the others are still pinged
                session.disconnect();
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
            super("a ping unanswered for " + silence.toMillis() + " ms");
        }
    }
}
