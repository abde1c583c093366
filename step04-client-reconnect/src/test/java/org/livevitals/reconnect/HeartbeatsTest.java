package org.livevitals.reconnect;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.jetty.websocket.api.Session;
import org.junit.jupiter.api.Test;
import org.livevitals.broadcast.DashboardSessions;

/**
 * The pong window, on a clock the test moves: it runs from the first unanswered ping, so a beat that
 * comes late cuts no healthy dashboard, and a dashboard that never answers is cut once the window
 * has passed since its first ping. The beats are spread: a tick beats one slot of the dashboards. A
 * dashboard that was sent something in the half interval before its beat is spared the heartbeat
 * message, not the ping.
 */
class HeartbeatsTest {

    /** A ping at every beat. */
    private static final ResumeSettings SETTINGS =
            new ResumeSettings(16, Duration.ofMillis(100), Duration.ofMillis(100), Duration.ofMillis(300));

    private final AtomicLong now = new AtomicLong();
    private final DashboardSessions sessions = new DashboardSessions(1);
    private final Set<String> cut = ConcurrentHashMap.newKeySet();
    private final Map<String, Integer> pinged = new ConcurrentHashMap<>();
    private Heartbeats heartbeats;

    /** A session that answers each ping at once, or never. */
    @Test
    void tenTicksBeatEveryDashboardOnceWhateverSlotItWasDealtInto() {
        List<String> beaten = new CopyOnWriteArrayList<>();
        heartbeats = new Heartbeats(sessions, session -> beaten.add(session.toString()), SETTINGS, now::get);
        for (int i = 0; i < 2 * Heartbeats.SLOTS + 3; i++) {
            dashboard("dashboard " + i, true);
        }

        for (int tick = 0; tick < Heartbeats.SLOTS; tick++) {
            heartbeats.tick();
        }
        assertThat(beaten).hasSize(2 * Heartbeats.SLOTS + 3).doesNotHaveDuplicates();

        heartbeats.tick(); // the eleventh tick starts the next interval with the first slot again
        assertThat(beaten).hasSize(2 * Heartbeats.SLOTS + 3 + 3);
    }

    private Session dashboard(String name, boolean answers) {
        Session session = (Session) Proxy.newProxyInstance(Session.class.getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "sendPing" -> {
                        pinged.merge(name, 1, Integer::sum);
                        if (answers) {
                            heartbeats.ponged((Session) proxy);
                        }
                        yield null;
                    }
                    case "disconnect" -> {
                        cut.add(name);
                        yield null;
                    }
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> name;
                    default -> null;
                });
        heartbeats.opened(session);
        sessions.join(session);
        return session;
    }

    private void beatAt(long millis) {
        now.set(Duration.ofMillis(millis).toNanos());
        heartbeats.beat();
    }

    @Test
    void aLateBeatCutsNoHealthyDashboardButASilentOneGoesOnceItsPingIsOlderThanTheWindow() {
        heartbeats = new Heartbeats(sessions, session -> { }, SETTINGS, now::get);
        dashboard("healthy", true);
        dashboard("silent", false);

        beatAt(0);      // both pinged; the silent one's window starts
        beatAt(250);    // still inside the window
        assertThat(cut).isEmpty();
        beatAt(1_000);  // a beat 750 ms late: the healthy one answered every ping

        assertThat(cut).containsExactly("silent");
        assertThat(sessions.size()).isEqualTo(1);
    }

    @Test
    void aDashboardIsSentAHeartbeatAtEveryBeatButPingedOnlyAtItsFirstAndThenEveryThird() {
        ResumeSettings pingEveryThirdBeat =
                new ResumeSettings(16, Duration.ofMillis(100), Duration.ofMillis(300), Duration.ofMillis(600));
        List<String> heartbeatsSent = new CopyOnWriteArrayList<>();
        heartbeats = new Heartbeats(sessions, session -> heartbeatsSent.add(session.toString()), pingEveryThirdBeat, now::get);
        dashboard("healthy", true);
        dashboard("silent", false);

        for (long beat = 0; beat < 7; beat++) {
            beatAt(beat * 100); // pings at 0, 300 and 600 ms
        }
        assertThat(heartbeatsSent).filteredOn("healthy"::equals).hasSize(7);
        assertThat(pinged).containsEntry("healthy", 3).containsEntry("silent", 3);
        assertThat(cut).as("the silent one's first ping is exactly a window old").isEmpty();

        beatAt(700);
        assertThat(cut).containsExactly("silent");
    }

    @Test
    void aDashboardSentAMessageInTheHalfIntervalBeforeItsBeatIsSparedThatBeatsHeartbeatButStillPinged() {
        List<String> heartbeatsSent = new CopyOnWriteArrayList<>();
        heartbeats = new Heartbeats(sessions, session -> heartbeatsSent.add(session.toString()), SETTINGS, now::get);
        List<Session> dashboards = new ArrayList<>();
        for (int slot = 0; slot < Heartbeats.SLOTS; slot++) {
            dashboards.add(dashboard("slot " + slot, true)); // dealt in turn: one in each slot
        }
        Session quiet = dashboard("quiet", true); // slot 0 again, never sent anything

        beatAt(0);
        dashboards.forEach(heartbeats::delivered); // a reading for all of them, just before the next interval
        heartbeatsSent.clear();
        beatAt(100);

        assertThat(heartbeatsSent).as("the slots beaten in the first half of the interval are spared; the quiet one is not")
                .containsExactlyInAnyOrder("quiet", "slot 5", "slot 6", "slot 7", "slot 8", "slot 9");
        heartbeatsSent.clear();
        beatAt(200);
        assertThat(heartbeatsSent).hasSize(Heartbeats.SLOTS + 1);
        assertThat(pinged).containsEntry("slot 0", 3).containsEntry("quiet", 3);
    }

    @Test
    void aHeartbeatThatThrowsCutsThatDashboardOnlyAndTheNextBeatComesAnyway() {
        AtomicLong heartbeatsSent = new AtomicLong();
        heartbeats = new Heartbeats(sessions, session -> {
            if (session.toString().equals("broken")) {
                throw new IllegalStateException("lane full");
            }
            heartbeatsSent.incrementAndGet();
        }, SETTINGS, now::get);
        dashboard("broken", true);
        dashboard("healthy", true);

        beatAt(0);
        beatAt(100);

        assertThat(cut).containsExactly("broken");
        assertThat(heartbeatsSent).hasValue(2);
    }

    @Test
    void eachTickBeatsOneSlotAndAnIntervalBeatsEveryDashboardOnce() {
        List<String> beaten = new CopyOnWriteArrayList<>();
        heartbeats = new Heartbeats(sessions, session -> beaten.add(session.toString()), SETTINGS, now::get);
        for (int i = 0; i < 3 * Heartbeats.SLOTS; i++) {
            dashboard("dashboard " + i, true);
        }

        heartbeats.beat(0);
        assertThat(beaten).hasSize(3);
        for (int slot = 1; slot < Heartbeats.SLOTS; slot++) {
            heartbeats.beat(slot);
        }

        assertThat(beaten).hasSize(3 * Heartbeats.SLOTS).doesNotHaveDuplicates();
    }
}
