package org.livevitals.rawsockets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.livevitals.rawsockets.CommandReply.Outcome;
import org.livevitals.testkit.LineRecorder;

/**
 * Lab 5's command direction of the line protocol, seen from the device's end of the wire: a fake
 * device on a plain socket ({@link LineRecorder}) gets {@code CMD} lines and answers them by hand.
 */
class DeviceCommandsTest {

    private static final Duration PATIENCE = Duration.ofSeconds(10);
    /** Long enough that a command a test answers never times out first. */
    private static final Duration NO_TIMEOUT = Duration.ofMinutes(1);
    /** Short, for the one test that waits for a timeout. */
    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(200);
    private static final Pattern CMD = Pattern.compile("CMD (\\d+) (\\S+)");

    private final RecordedReadings readings = new RecordedReadings();
    private final List<AutoCloseable> cleanup = new ArrayList<>();

    @AfterEach
    void closeEverything() throws Exception {
        for (int i = cleanup.size() - 1; i >= 0; i--) {
            cleanup.get(i).close();
        }
    }

    private VitalsServer startServer() throws IOException {
        return track(new VitalsServer(0, ServerLimits.DEFAULTS, readings, Clock.systemUTC()).start());
    }

    /** A fake device that has sent one reading for {@code patient}, so the server has a route to it. */
    private LineRecorder deviceOf(VitalsServer server, String patient) {
        LineRecorder device = track(LineRecorder.connect(server.port()));
        device.send(lineFor(patient));
        device.assertLine("OK " + patient);
        return device;
    }

    private <T extends AutoCloseable> T track(T closeable) {
        cleanup.add(closeable);
        return closeable;
    }

    private static String lineFor(String patient) {
        return "Patient=" + patient + "|Pulse=80|SpO2=97|Temperature=37.0|BP=120/80|Resp=16";
    }

    /** Awaits the next line, checks it is {@code CMD <id> <command>}, and returns the id. */
    private static long assertCommand(LineRecorder device, DeviceCommand command) {
        String line = device.assertLineStartingWith("CMD ");
        Matcher cmd = CMD.matcher(line);
        assertThat(cmd.matches()).as("'%s' is CMD <id> <command>", line).isTrue();
        assertThat(cmd.group(2)).as("the command in '%s'", line).isEqualTo(command.wireName());
        return Long.parseLong(cmd.group(1));
    }

    private static CommandReply replyOf(CompletableFuture<CommandReply> reply) throws Exception {
        return reply.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Test
    void doneCompletesTheCommandWithTheDevicesDetailAndGetsNoReply() throws Exception {
        VitalsServer server = startServer();
        LineRecorder device = deviceOf(server, "P001");

        CompletableFuture<CommandReply> reply = server.devices().send("P001", DeviceCommand.REQUEST_READING, NO_TIMEOUT);
        long id = assertCommand(device, DeviceCommand.REQUEST_READING);
        assertThat(reply).as("a command the device has not answered").isNotDone();
        device.send("DONE " + id + " reading sent");

        assertThat(replyOf(reply)).isEqualTo(new CommandReply(Outcome.DONE, "reading sent"));
        device.send(lineFor("P001"));
        device.assertLine("OK P001"); // the next line is the reading's reply: the DONE got none
        device.assertExhausted();
        assertThat(server.stats().linesRejected()).as("lines rejected").isZero();
    }

    @Test
    void failCompletesTheCommandAsFailedWithTheDevicesReason() throws Exception {
        VitalsServer server = startServer();
        LineRecorder device = deviceOf(server, "P001");

        CompletableFuture<CommandReply> reply = server.devices().send("P001", DeviceCommand.RESET, NO_TIMEOUT);
        device.send("FAIL " + assertCommand(device, DeviceCommand.RESET) + " sensor unplugged");

        assertThat(replyOf(reply)).isEqualTo(new CommandReply(Outcome.FAILED, "sensor unplugged"));
    }

    @Test
    void anAnswerNoCommandWaitsForGetsErrAndTheConnectionStillTakesReadings() throws Exception {
        VitalsServer server = startServer();
        LineRecorder device = deviceOf(server, "P001");

        device.send("DONE 999 reading sent");
        device.assertLine("ERR no command 999 is waiting for an answer from this device");
        device.send(lineFor("P001"));
        device.assertLine("OK P001");
        assertThat(readings.count()).as("readings accepted").isEqualTo(2);
    }

    @Test
    void oneDeviceCannotAnswerACommandSentToAnother() throws Exception {
        VitalsServer server = startServer();
        LineRecorder p001 = deviceOf(server, "P001");
        LineRecorder p002 = deviceOf(server, "P002");

        CompletableFuture<CommandReply> reply = server.devices().send("P001", DeviceCommand.RESET, NO_TIMEOUT);
        long id = assertCommand(p001, DeviceCommand.RESET);
        p002.send("DONE " + id + " device reset");
        p002.assertLine("ERR no command " + id + " is waiting for an answer from this device");
        assertThat(reply).as("P001's command after P002 answered it").isNotDone();

        p001.send("DONE " + id + " device reset");
        assertThat(replyOf(reply).outcome()).isEqualTo(Outcome.DONE);
    }

    @Test
    void malformedAnswersGetErrThatQuotesThemPrintably() throws Exception {
        VitalsServer server = startServer();
        LineRecorder device = deviceOf(server, "P001");

        device.send("DONE");
        device.assertLine("ERR bad answer 'DONE': use DONE <id> <detail> or FAIL <id> <reason>");
        device.send("FAIL seven broke");
        device.assertLine("ERR bad answer 'FAIL seven broke': use DONE <id> <detail> or FAIL <id> <reason>");
        device.send("DONE \u001B[2J7");
        device.assertLine("ERR bad answer 'DONE \\u001B[2J7': use DONE <id> <detail> or FAIL <id> <reason>");
        device.send(lineFor("P001"));
        device.assertLine("OK P001");
    }

    @Test
    void theDevicesTextIsEscapedAndCutShortBeforeItReachesTheCaller() throws Exception {
        VitalsServer server = startServer();
        LineRecorder device = deviceOf(server, "P001");

        CompletableFuture<CommandReply> reply = server.devices().send("P001", DeviceCommand.RESET, NO_TIMEOUT);
        device.send("DONE " + assertCommand(device, DeviceCommand.RESET) + " reset\u001B[31m " + "x".repeat(500));

        String detail = replyOf(reply).detail();
        assertThat(detail).startsWith("reset\\u001B[31m x").endsWith(WireText.CUT_MARK)
                .hasSizeLessThanOrEqualTo(WireText.MAX_QUOTED_CHARS + "\\u001B".length() + WireText.CUT_MARK.length());
    }

    @Test
    void aPatientNoConnectedDeviceHasSentForIsOfflineAtOnce() throws Exception {
        VitalsServer server = startServer();
        assertThat(server.devices().isConnected("P001")).isFalse();

        CompletableFuture<CommandReply> reply = server.devices().send("P001", DeviceCommand.REQUEST_READING, NO_TIMEOUT);

        assertThat(reply).as("a command to nobody").isDone();
        assertThat(reply.get().outcome()).isEqualTo(Outcome.OFFLINE);
        deviceOf(server, "P001");
        assertThat(server.devices().isConnected("P001")).as("after P001's device sent a reading").isTrue();
        assertThat(server.devices().send("P002", DeviceCommand.RESET, NO_TIMEOUT).get().outcome())
                .as("P002, whose device never sent a reading").isEqualTo(Outcome.OFFLINE);
        assertThat(server.devices().send(null, DeviceCommand.RESET, NO_TIMEOUT).get().outcome())
                .as("no patient at all").isEqualTo(Outcome.OFFLINE);
    }

    @Test
    void aDeviceWithTooManyUnansweredCommandsIsBusy() throws Exception {
        VitalsServer server = startServer();
        LineRecorder device = deviceOf(server, "P001");
        List<CompletableFuture<CommandReply>> waiting = new ArrayList<>();
        for (int i = 0; i < DeviceRegistry.MAX_PENDING_PER_DEVICE; i++) {
            waiting.add(server.devices().send("P001", DeviceCommand.REQUEST_READING, NO_TIMEOUT));
        }

        CompletableFuture<CommandReply> oneMore = server.devices().send("P001", DeviceCommand.REQUEST_READING, NO_TIMEOUT);

        assertThat(oneMore).as("command %d", DeviceRegistry.MAX_PENDING_PER_DEVICE + 1).isDone();
        assertThat(oneMore.get().outcome()).isEqualTo(Outcome.BUSY);
        assertThat(waiting).as("the commands already waiting").noneMatch(CompletableFuture::isDone);
        long first = assertCommand(device, DeviceCommand.REQUEST_READING);
        device.send("DONE " + first + " reading sent");
        replyOf(waiting.get(0));
        assertThat(server.devices().send("P001", DeviceCommand.RESET, NO_TIMEOUT))
                .as("a command once one of the waiting ones has been answered").isNotDone();
    }

    @Test
    void aCommandNotAnsweredInTimeTimesOutAndItsLateAnswerGetsErr() throws Exception {
        VitalsServer server = startServer();
        LineRecorder device = deviceOf(server, "P001");

        CompletableFuture<CommandReply> reply = server.devices().send("P001", DeviceCommand.RESET, SHORT_TIMEOUT);
        long id = assertCommand(device, DeviceCommand.RESET);

        assertThat(replyOf(reply)).isEqualTo(new CommandReply(Outcome.TIMEOUT, "no answer within 200 ms"));
        device.send("DONE " + id + " device reset");
        device.assertLine("ERR no command " + id + " is waiting for an answer from this device");
    }

    @Test
    void aDisconnectFailsThePendingCommandsAndIsReportedPerPatient() throws Exception {
        VitalsServer server = startServer();
        List<String> disconnected = new CopyOnWriteArrayList<>();
        server.devices().onDisconnect(patient -> {
            throw new IllegalStateException("a listener that fails must not silence the others");
        });
        server.devices().onDisconnect(disconnected::add);
        LineRecorder device = deviceOf(server, "P001");
        device.send(lineFor("P002"));
        device.assertLine("OK P002");
        LineRecorder bystander = deviceOf(server, "P003");

        CompletableFuture<CommandReply> reply = server.devices().send("P001", DeviceCommand.REQUEST_READING, NO_TIMEOUT);
        assertCommand(device, DeviceCommand.REQUEST_READING);
        device.close();

        assertThat(replyOf(reply)).isEqualTo(new CommandReply(Outcome.FAILED, "device disconnected"));
        await("the disconnect to be reported").atMost(PATIENCE).until(() -> disconnected.size() >= 2);
        assertThat(disconnected).containsExactlyInAnyOrder("P001", "P002");
        assertThat(server.devices().isConnected("P001")).as("P001 after its device left").isFalse();
        assertThat(server.devices().isConnected("P003")).as("P003, whose device stayed").isTrue();
        bystander.send(lineFor("P003"));
        bystander.assertLine("OK P003");
    }

    @Test
    void aPatientWhoseReadingsMovedToAnotherDeviceIsNotReportedWhenTheOldOneLeaves() throws Exception {
        VitalsServer server = startServer();
        List<String> disconnected = new CopyOnWriteArrayList<>();
        server.devices().onDisconnect(disconnected::add);
        LineRecorder old = deviceOf(server, "P001");
        LineRecorder replacement = deviceOf(server, "P001");

        CompletableFuture<CommandReply> reply = server.devices().send("P001", DeviceCommand.RESET, NO_TIMEOUT);
        replacement.send("DONE " + assertCommand(replacement, DeviceCommand.RESET) + " device reset");
        assertThat(replyOf(reply).outcome()).as("the command went to the device that sent last").isEqualTo(Outcome.DONE);
        old.assertExhausted(); // no command went to the old device
        old.close();
        await("the old connection to close").atMost(PATIENCE).until(() -> server.stats().openConnections() == 1);

        assertThat(disconnected).as("patients reported when the old device left").isEmpty();
        assertThat(server.devices().isConnected("P001")).isTrue();
    }

    @Test
    void stoppingTheServerFailsPendingCommandsWithoutReportingDisconnects() throws Exception {
        VitalsServer server = startServer();
        List<String> disconnected = new CopyOnWriteArrayList<>();
        server.devices().onDisconnect(disconnected::add);
        LineRecorder device = deviceOf(server, "P001");
        CompletableFuture<CommandReply> reply = server.devices().send("P001", DeviceCommand.RESET, NO_TIMEOUT);
        assertCommand(device, DeviceCommand.RESET);

        server.close();

        assertThat(replyOf(reply)).isEqualTo(new CommandReply(Outcome.FAILED, "server stopped"));
        device.assertClosedByServer();
        assertThat(disconnected).as("patients reported as disconnected by a server shutdown").isEmpty();
        assertThat(server.devices().send("P001", DeviceCommand.RESET, NO_TIMEOUT).get().outcome())
                .as("a command after the server stopped").isEqualTo(Outcome.OFFLINE);
    }
}
