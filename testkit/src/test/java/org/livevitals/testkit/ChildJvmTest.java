package org.livevitals.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real child JVMs running {@link ChildJvmTestMain}, one mode per way a server can start or end. */
class ChildJvmTest {

    private static final Pattern READY = Pattern.compile("^READY (\\d+)$");
    /** A JVM starts in well under a second here; a loaded CI machine gets plenty more. */
    private static final Duration START_PATIENCE = Duration.ofSeconds(30);
    /** For the child that is never ready: long enough to start and print a line on a busy machine. */
    private static final Duration SHORT_TIMEOUT = Duration.ofSeconds(5);
    /** A JVM reports death by a signal as 128 + the signal's number; SIGKILL is 9. */
    private static final int KILLED_BY_SIGKILL = 128 + 9;

    @AfterEach
    void noChildOrThreadIsLeft() {
        // Any child at all: the test JVM starts none but these. (Matching the main class in the
        // command line would not do: ProcessHandle.Info reads only its first 4 KiB, which the
        // class path fills.)
        await().atMost(START_PATIENCE).untilAsserted(() -> assertThat(ProcessHandle.current().children())
                .as("child processes left running").isEmpty());
        assertThat(Thread.getAllStackTraces().keySet())
                .as("threads left running")
                .noneMatch(thread -> thread.getName().startsWith("child-jvm-"));
    }

    @Test
    void startReturnsOnceTheReadyLineIsPrintedAndGivesItsGroups() {
        try (ChildJvm child = ChildJvm.start("server", ChildJvmTestMain.class, List.of("ready"), READY,
                START_PATIENCE)) {
            assertThat(child.isAlive()).isTrue();
            assertThat(child.readyMatch().group(1)).isEqualTo(String.valueOf(child.pid()));
            assertThat(child.output()).containsExactly("warming up 1", "READY " + child.pid());
        }
    }

    @Test
    void killSendsSigkillAndReturnsOnlyOnceTheChildHasExited() {
        try (ChildJvm child = ChildJvm.start("server", ChildJvmTestMain.class, List.of("ready"), READY,
                START_PATIENCE)) {
            child.kill();

            assertThat(child.isAlive()).isFalse(); // at once: kill() waited
            assertThat(child.exitCode()).isEqualTo(KILLED_BY_SIGKILL);
            child.kill(); // a second kill is harmless
            assertThat(child.exitCode()).isEqualTo(KILLED_BY_SIGKILL);
        }
    }

    @Test
    void closeKillsAChildThatIsStillRunning() {
        ChildJvm child;
        try (ChildJvm started = ChildJvm.start("server", ChildJvmTestMain.class, List.of("ready"), READY,
                START_PATIENCE)) {
            child = started;
        }

        assertThat(child.isAlive()).isFalse();
        assertThat(child.exitCode()).isEqualTo(KILLED_BY_SIGKILL);
    }

    @Test
    void aChildThatExitsBeforeItsReadyLineFailsWithItsExitCodeAndOutput() {
        assertThatThrownBy(() -> ChildJvm.start("broken server", ChildJvmTestMain.class, List.of("exit", "3"), READY,
                START_PATIENCE))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("[broken server]")
                .hasMessageContaining("exited with code 3 before printing a line matching /" + READY + "/")
                .hasMessageContaining("starting")
                .hasMessageContaining("no config file, giving up"); // stderr, merged
    }

    @Test
    void aChildThatNeverPrintsItsReadyLineFailsWhenTheTimeoutPassesAndIsKilled() {
        assertThatThrownBy(() -> ChildJvm.start("stuck server", ChildJvmTestMain.class, List.of("silent"), READY,
                SHORT_TIMEOUT))
                .isInstanceOf(AssertionError.class)
                .hasMessageStartingWith("[stuck server]")
                .hasMessageContaining("timed out after " + SHORT_TIMEOUT.toMillis() + " ms")
                .hasMessageContaining("warming up forever");
        // and noChildOrThreadIsLeft checks it was killed
    }

    @Test
    void onlyTheLastLinesAreKept() {
        int warmUpLines = 500;
        try (ChildJvm child = ChildJvm.start("chatty server", ChildJvmTestMain.class,
                List.of("ready", String.valueOf(warmUpLines)), READY, START_PATIENCE)) {
            List<String> output = child.output();

            assertThat(output).hasSize(ChildJvm.KEPT_LINES);
            assertThat(output.get(0)).isEqualTo("warming up " + (warmUpLines - ChildJvm.KEPT_LINES + 2));
            assertThat(output.get(output.size() - 1)).isEqualTo("READY " + child.pid());
        }
    }

    @Test
    void aChildLeftRunningWhenItsParentJvmExitsIsKilledByTheShutdownHook() {
        ChildJvm parent = ChildJvm.start("parent", ChildJvmTestMain.class, List.of("abandon"),
                Pattern.compile("ABANDONING (\\d+)"), START_PATIENCE);
        long grandchild = Long.parseLong(parent.readyMatch().group(1));
        try (parent) {
            await().atMost(START_PATIENCE).until(() -> !parent.isAlive());
            assertThat(parent.exitCode()).as("the parent returned from main").isZero();

            await().atMost(START_PATIENCE).until(() -> !isRunning(grandchild));
        } finally {
            ProcessHandle.of(grandchild).ifPresent(ProcessHandle::destroyForcibly); // if the hook failed
        }
    }

    /**
     * Running, and not a zombie: ProcessHandle counts a dead process that nobody has reaped yet as
     * alive, and an orphan waits for whoever adopted it (init, or a container's first process) to
     * reap it. Linux's /proc tells the two apart.
     */
    private static boolean isRunning(long pid) {
        if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
            return false;
        }
        try {
            String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
            char state = stat.charAt(stat.lastIndexOf(')') + 2); // "pid (command) state ..."
            return state != 'Z';
        } catch (IOException gone) {
            return false;
        }
    }
}
