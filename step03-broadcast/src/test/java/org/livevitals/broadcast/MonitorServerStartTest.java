package org.livevitals.broadcast;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.awaitility.Awaitility.await;

import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.livevitals.rawsockets.PortInUseException;

/**
 * A monitoring server that cannot take one of its two ports says which, and leaves nothing
 * running: not the HTTP side it had already started, and no thread that would keep the JVM alive.
 */
class MonitorServerStartTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);

    @Test
    void aTakenDevicePortStopsTheHttpSideAgainAndLeavesNoThreadRunning() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            Set<Thread> before = Thread.getAllStackTraces().keySet();
            MonitorServer server = new MonitorServer(MonitorSettings.forTests().withPorts(0, taken.getLocalPort()), Clock.systemUTC());

            PortInUseException failure = catchThrowableOfType(PortInUseException.class, server::start);

            assertThat(failure).as("what start() threw").isNotNull();
            assertThat(failure.port()).as("the port named").isEqualTo(taken.getLocalPort());
            await("every thread the server started to end").atMost(PATIENCE).pollInSameThread() // not one more thread
                    .untilAsserted(() -> assertThat(threadsKeepingTheJvmAlive(before)).isEmpty());
        }
    }

    @Test
    void aTakenHttpPortIsNamed() throws Exception {
        try (ServerSocket taken = new ServerSocket(0)) {
            MonitorServer server = new MonitorServer(MonitorSettings.forTests().withPorts(taken.getLocalPort(), 0), Clock.systemUTC());

            PortInUseException failure = catchThrowableOfType(PortInUseException.class, server::start);

            assertThat(failure).as("what start() threw, where Jetty says 'Failed to bind to ...'").isNotNull();
            assertThat(failure.port()).as("the port named").isEqualTo(taken.getLocalPort());
            server.close();
        }
    }

    /** Live threads, not daemons, that were not there {@code before}: each would keep a JVM from exiting. */
    private static List<String> threadsKeepingTheJvmAlive(Set<Thread> before) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.isAlive() && !thread.isDaemon() && !before.contains(thread))
                .map(Thread::getName)
                .toList();
    }
}
