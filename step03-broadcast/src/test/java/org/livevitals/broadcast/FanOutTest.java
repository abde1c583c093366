package org.livevitals.broadcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.junit.jupiter.api.Test;
import org.livevitals.testkit.WebSocketRecorder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Sending on several threads must neither skip a dashboard nor reorder what one receives. */
class FanOutTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    /** A session that only has an identity: enough to be dealt into a lane and handed to an action. */
    private static Session fakeSession() {
        return (Session) Proxy.newProxyInstance(Session.class.getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "hashCode" -> System.identityHashCode(proxy);
                    case "equals" -> proxy == args[0];
                    case "toString" -> "fake session";
                    default -> null;
                });
    }

    @Test
    void sessionsAreDealtIntoLanesInTurnAndLeaveTheirLane() {
        DashboardSessions sessions = new DashboardSessions(3);
        List<Session> joined = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Session session = fakeSession();
            sessions.join(session);
            joined.add(session);
        }
        sessions.leave(joined.get(4), "test");

        for (int lane = 0; lane < 3; lane++) {
            List<Session> inLane = new ArrayList<>();
            sessions.forEachIn(lane, inLane::add);
            assertThat(inLane).as("lane %d", lane).hasSize(lane == 1 ? 1 : 2).doesNotContain(joined.get(4));
        }
        assertThat(sessions.size()).isEqualTo(5);
    }

    @Test
    void theFirstLaneRunsOnThePublisherAndEachOtherLaneOnItsOwnThread() {
        DashboardSessions sessions = new DashboardSessions(3);
        for (int i = 0; i < 6; i++) {
            sessions.join(fakeSession());
        }
        Map<Session, String> sentOn = new ConcurrentHashMap<>();
        try (FanOut fanOut = new FanOut(sessions)) {
            fanOut.toEverySession(session -> sentOn.put(session, Thread.currentThread().getName()));
            await().atMost(PATIENCE).until(() -> sentOn.size() == 6);
        }
        for (int lane = 0; lane < 3; lane++) {
            String expected = lane == 0 ? Thread.currentThread().getName() : "fan-out-lane-" + lane;
            sessions.forEachIn(lane, session -> assertThat(sentOn.get(session)).isEqualTo(expected));
        }
    }

    @Test
    void aSendThatThrowsEvictsThatSessionOnlyAndTheWalkGoesOn() {
        DashboardSessions sessions = new DashboardSessions(1);
        List<Session> joined = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Session session = fakeSession();
            sessions.join(session);
            joined.add(session);
        }
        Session faulty = joined.get(1);
        List<Session> reached = new CopyOnWriteArrayList<>();
        try (FanOut fanOut = new FanOut(sessions)) {
            fanOut.toEverySession(session -> {
                if (session == faulty) {
                    throw new IllegalStateException("an unexpected failure in one send");
                }
                reached.add(session);
            });
        }
        assertThat(reached).as("sessions reached around the faulty one").containsExactlyInAnyOrder(joined.get(0), joined.get(2));
        assertThat(sessions.size()).as("open sessions after the faulty one was evicted").isEqualTo(2);
    }

    @Test
    void severalPublishersWaitForABusyLaneInsteadOfPilingUpBroadcasts() throws Exception {
        DashboardSessions sessions = new DashboardSessions(2);
        Session inFirstLane = fakeSession();
        Session inSecondLane = fakeSession();
        sessions.join(inFirstLane);
        sessions.join(inSecondLane);
        int maxBacklog = 8;
        int publishers = 3;
        int broadcastsEach = 20;
        CountDownLatch secondLaneHeld = new CountDownLatch(1);
        List<String> secondLaneGot = new CopyOnWriteArrayList<>();
        List<Thread> publishing = new ArrayList<>();
        try (FanOut fanOut = new FanOut(sessions, maxBacklog)) {
            for (int p = 0; p < publishers; p++) {
                String publisher = "publisher-" + p;
                publishing.add(new Thread(() -> {
                    for (int n = 0; n < broadcastsEach; n++) {
                        String message = publisher + " " + n;
                        fanOut.toEverySession(session -> {
                            if (session == inSecondLane) {
                                awaitQuietly(secondLaneHeld); // the second lane's thread is stuck for now
                                secondLaneGot.add(message);
                            }
                        });
                    }
                }, publisher));
            }
            publishing.forEach(Thread::start);

            await("every publisher to wait for room or finish").atMost(PATIENCE).until(() -> publishing.stream()
                    .allMatch(t -> t.getState() == Thread.State.WAITING || t.getState() == Thread.State.TERMINATED));
            assertThat(fanOut.backlog(1)).as("broadcasts waiting for the stuck lane").isEqualTo(maxBacklog);
            assertThat(publishing).as("publishers held back by the full lane").anyMatch(Thread::isAlive);

            secondLaneHeld.countDown();
            for (Thread thread : publishing) {
                thread.join(PATIENCE.toMillis());
            }
            await("the lane to catch up").atMost(PATIENCE).until(() -> secondLaneGot.size() == publishers * broadcastsEach);
        }
        for (int p = 0; p < publishers; p++) {
            String publisher = "publisher-" + p;
            assertThat(secondLaneGot.stream().filter(m -> m.startsWith(publisher + " ")).map(m -> m.substring(m.indexOf(' ') + 1))
                    .map(Integer::valueOf).toList()).as("what %s sent, as the second lane got it", publisher)
                    .isSorted().hasSize(broadcastsEach);
        }
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Test
    void everyDashboardGetsEveryReadingInOrderWhateverItsLane() throws Exception {
        WebSocketClient client = new WebSocketClient();
        try (MonitorServer server = new MonitorServer(MonitorSettings.forTests().withFanOutLanes(3), Clock.systemUTC()).start()) {
            client.start();
            List<WebSocketRecorder> dashboards = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                WebSocketRecorder dashboard = new WebSocketRecorder("dashboard-" + i);
                client.connect(dashboard, server.webSocketUri()).get(PATIENCE.toSeconds(), TimeUnit.SECONDS);
                dashboard.assertOpen();
                dashboard.nextText(); // the snapshot
                dashboards.add(dashboard);
            }

            for (int pulse = 40; pulse < 140; pulse++) {
                server.broadcaster().publish(MonitorServerTest.reading("P001", pulse));
            }

            JsonMapper json = JsonMapper.builder().build();
            for (WebSocketRecorder dashboard : dashboards) {
                for (int pulse = 40; pulse < 140; pulse++) {
                    JsonNode reading = json.readTree(dashboard.nextText());
                    assertThat(reading.path("vitals").path("heartRate").path("value").asInt())
                            .as("reading %d of a dashboard", pulse - 40).isEqualTo(pulse);
                }
            }
        } finally {
            client.stop();
        }
    }
}
