package org.livevitals.reconnect;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
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
 * even then only minutes later. So each dashboard
 * <ul>
 *   <li>is sent a heartbeat message at its beat, once every heartbeat interval, because a browser's
 *       JavaScript cannot see pings: a dashboard that hears nothing for three intervals knows the
 *       server is gone, not just quiet. A dashboard that was sent a reading (or another message of
 *       the stream) in the last half interval before its beat has heard from the server already, and
 *       is spared that beat's heartbeat message: so a busy dashboard gets none, and a quiet one hears
 *       something at least every one and a half intervals;</li>
 *   <li>is pinged (a WebSocket control frame; the browser answers it by itself) once every ping
 *       interval, a whole number of beats, and cut at a beat if it has left a ping unanswered for
 *       longer than the pong window: that connection is half-open, and a polite close would never be
 *       answered. The window runs from the ping, not from the last pong, so a beat that comes late
 *       (a busy server, a pause) cuts no one. Pings are fewer than heartbeats because each pong wakes
 *       a server thread to read it, and finding a dead dashboard only frees the server's resources.</li>
 * </ul>
 *
 * <p>The beats are spread over the interval. Each dashboard is dealt into one of {@value #SLOTS}
 * slots as it opens, and the timer beats one slot every tenth of the interval. Beating everyone at
 * once put two frames per dashboard in front of the readings in one burst: with 10,000 dashboards,
 * 20,000 writes every 5 seconds, and the readings published during them waited (labs/performance.md
 * measured a p99 nearly three times Lab 3's in {@code crowd}).
 */
public final class Heartbeats implements AutoCloseable {

    /** How many groups the dashboards are dealt into, one beaten every {@code interval / SLOTS}. */
    static final int SLOTS = 10;

    private static final Logger log = LoggerFactory.getLogger(Heartbeats.class);
    private static final ByteBuffer PING = ByteBuffer.allocate(0);
    /** No ping is waiting for its pong. */
    private static final long ANSWERED = Long.MIN_VALUE;

    private final DashboardSessions sessions;
    private final Consumer<Session> sendHeartbeat;
    private final Duration interval;
    private final int beatsPerPing;
    private final LongSupplier nanoTime;
    private final long pongWindowNanos;

    /** One entry per open session: its slot, and since when its oldest unanswered ping waits. */
    private final Map<Session, Beat> beats = new ConcurrentHashMap<>();
    private final AtomicInteger dealt = new AtomicInteger();
    /** The timer's beats so far, one slot each: the next is slot {@code ticks % SLOTS}. Only the timer's thread writes it. */
    private volatile long ticks;
    private final ScheduledExecutorService timer =
            Executors.newSingleThreadScheduledExecutor(runnable -> new Thread(runnable, "heartbeats"));

    /** A session's slot, and when it was sent the oldest ping it has not answered (System.nanoTime), or {@link #ANSWERED}. */
    private static final class Beat {
        final int slot;
        final AtomicLong unansweredSince = new AtomicLong(ANSWERED);
        /** Its beats so far; a ping goes with the first and then every {@code beatsPerPing}-th. Only the timer's thread touches it. */
        long beaten;
        /** The tick during which it was last handed a message of the stream, as the lanes saw it. */
        volatile long deliveredAtTick = Long.MIN_VALUE;

        Beat(int slot) {
            this.slot = slot;
        }
    }

    /** @param sendHeartbeat sends the heartbeat message to one dashboard */
    public Heartbeats(DashboardSessions sessions, Consumer<Session> sendHeartbeat, ResumeSettings settings) {
        this(sessions, sendHeartbeat, settings, System::nanoTime);
    }

    /** @param nanoTime the clock the windows are measured on; a test passes one it moves itself */
    Heartbeats(DashboardSessions sessions, Consumer<Session> sendHeartbeat, ResumeSettings settings, LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
        this.sessions = sessions;
        this.sendHeartbeat = sendHeartbeat;
        this.interval = settings.heartbeatInterval();
        this.beatsPerPing = settings.beatsPerPing();
        this.pongWindowNanos = settings.pongWindow().toNanos();
    }

    public void start() {
        long tickNanos = Math.max(1, interval.toNanos() / SLOTS);
        timer.scheduleAtFixedRate(this::tick, tickNanos, tickNanos, TimeUnit.NANOSECONDS);
    }

    public void opened(Session session) {
        beats.put(session, new Beat(Math.floorMod(dealt.getAndIncrement(), SLOTS)));
    }

    public void ponged(Session session) {
        Beat beat = beats.get(session); // null after the close: a late pong adds nothing
        if (beat != null) {
            beat.unansweredSince.set(ANSWERED);
        }
    }

    /**
     * A message of the stream was handed to {@code session} (Lab 3's broadcaster says so on its lane,
     * for every delivery): a heartbeat message soon after it is not needed. Written once per tick at
     * most, so a busy dashboard's deliveries mostly only read.
     */
    public void delivered(Session session) {
        Beat beat = beats.get(session);
        long now = ticks;
        if (beat != null && beat.deliveredAtTick != now) {
            beat.deliveredAtTick = now;
        }
    }

    public void closed(Session session) {
        beats.remove(session);
    }

    /** The timer's task: the next slot's beat. Nothing escapes it (a task that throws is never run again). */
    void tick() {
        int slot = (int) (ticks % SLOTS);
        try {
            beat(slot);
        } catch (Throwable e) {
            log.warn("heartbeat slot {} not finished: {}", slot, e.toString());
        } finally {
            ticks++;
        }
    }

    /** One whole interval's ticks at once, as a test drives them. */
    void beat() {
        for (int tick = 0; tick < SLOTS; tick++) {
            tick();
        }
    }

    /** One slot's beat; a failure is that session's alone. */
    void beat(int slot) {
        beats.forEach((session, beat) -> {
            if (beat.slot != slot) {
                return;
            }
            try {
                long now = nanoTime.getAsLong();
                long pingedAt = beat.unansweredSince.get();
                if (pingedAt != ANSWERED && now - pingedAt > pongWindowNanos) {
                    beats.remove(session);
                    sessions.evict(session, new SilentPeerException(Duration.ofNanos(now - pingedAt)));
                } else {
                    if (beat.deliveredAtTick <= ticks - SLOTS / 2) { // nothing in the last half interval
                        sendHeartbeat.accept(session);
                    }
                    if (beat.beaten++ % beatsPerPing == 0) {
                        beat.unansweredSince.compareAndSet(ANSWERED, now); // the window starts at the first unanswered ping
                        session.sendPing(PING.slice(), Callback.NOOP);
                    }
                }
            } catch (Throwable e) {
                beats.remove(session); // that session only: the others still get theirs
                sessions.evict(session, e);
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
