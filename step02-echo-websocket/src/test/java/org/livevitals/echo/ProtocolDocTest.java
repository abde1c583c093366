package org.livevitals.echo;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.junit.jupiter.api.Test;
import org.livevitals.rawsockets.ServerLimits;
import org.livevitals.testkit.CourseFiles;

/** labs/protocol.md states the limits and close codes the code uses; this fails when they drift apart. */
class ProtocolDocTest {

    private static final String DOC = "labs/protocol.md";

    private static Map<String, String> secondCellByFirst() {
        return CourseFiles.secondCellByFirst(DOC);
    }

    @Test
    void limitsInTheDocAreTheLimitsInTheCode() {
        Map<String, String> rows = secondCellByFirst();
        assertThat(rows).as("limits in %s", DOC)
                .containsEntry("Longest line (TCP)", ServerLimits.DEFAULT_MAX_LINE_BYTES + " bytes")
                .containsEntry("Devices per TCP server", String.valueOf(ServerLimits.DEFAULT_MAX_DEVICES))
                .containsEntry("Largest WebSocket text message", EchoServer.MAX_TEXT_MESSAGE_BYTES + " bytes")
                .containsEntry("WebSocket idle timeout", EchoServer.DEFAULT_IDLE_TIMEOUT.toSeconds() + " s")
                .containsEntry("Frames queued for one echo client", String.valueOf(EchoServer.MAX_QUEUED_FRAMES));
    }

    @Test
    void everyCloseCodeTheServerSendsIsDocumented() {
        List<Integer> documented = secondCellByFirst().keySet().stream()
                .filter(cell -> cell.matches("\\d{4}")).map(Integer::valueOf).toList();
        assertThat(documented).as("close codes in %s", DOC).contains(
                StatusCode.NORMAL, StatusCode.SHUTDOWN, StatusCode.PROTOCOL, StatusCode.BAD_DATA,
                StatusCode.BAD_PAYLOAD, StatusCode.MESSAGE_TOO_LARGE, StatusCode.SERVER_ERROR);
    }
}
